/** Turns the benchmark's measurements into its one table and the short sections under it. */
import type { GrowthReport } from './growth';
import { IDLE_SECONDS, type HttpRun } from './http';
import type { LanguageLatency, LatencyReport } from './latency';
import { leveledOff } from './memory';
import type { MemoryReport } from './memoryChild';
import type { SoakReport } from './soak';
import { fmt, ratio } from './stats';
import { verdict, type Row } from './table';

/** The real knowledge's build, the 1× baseline. */
export interface Build {
  readonly buildMs: number;
  readonly modelMB: number;
  readonly examples: number;
  readonly labels: number;
  readonly features: number;
  readonly counts: string;
  readonly buildDir: string;
}

export interface Results {
  build: Build;
  latency?: LatencyReport;
  /** The knowledge base's other languages. */
  languages?: readonly LanguageLatency[];
  http?: HttpRun[];
  memory?: { faq: MemoryReport; echo: MemoryReport; turns: number; conversations: number };
  growth?: GrowthReport;
  soak?: SoakReport;
}

const s = (ms: number | undefined) => (ms === undefined ? undefined : ms / 1000);

function languageRows(list: readonly LanguageLatency[], l: LatencyReport | undefined): Row[] {
  return list.flatMap((x) => [
    {
      measure: `Turn in-process p50 / p99, questions in "${x.language}" (ms)`,
      value: `${fmt(x.turn.p50)} / ${fmt(x.turn.p99)}`,
      baseline: l ? `sources' language ${fmt(l.faq.p50)} / ${fmt(l.faq.p99)}` : '',
      ratio: l ? ratio(x.turn.p50, l.faq.p50) : '',
      target: '≤ 1 / ≤ 5',
      verdict: verdict(x.turn.p50 <= 1 && x.turn.p99 <= 5),
    },
    { measure: `· first message in "${x.language}": its engine made (ms, RSS added MB)`, value: `${fmt(x.firstMessageMs)}, +${fmt(x.firstMessageRssMB)}`, baseline: '', ratio: '', target: '', verdict: '' },
  ]);
}

function latencyRows(l: LatencyReport): Row[] {
  return [
    { measure: 'Turn in-process p50 (ms)', value: fmt(l.faq.p50), baseline: `echo ${fmt(l.echo.p50)}`, ratio: ratio(l.faq.p50, l.echo.p50), target: '≤ 1', verdict: verdict(l.faq.p50 <= 1) },
    { measure: 'Turn in-process p99 (ms)', value: fmt(l.faq.p99), baseline: `echo ${fmt(l.echo.p99)}`, ratio: ratio(l.faq.p99, l.echo.p99), target: '≤ 5', verdict: verdict(l.faq.p99 <= 5) },
    { measure: '· diagnostic: state in memory, p50 / p99', value: `${fmt(l.faqMemoryState.p50)} / ${fmt(l.faqMemoryState.p99)}`, baseline: `echo ${fmt(l.echo.p50)}`, ratio: ratio(l.faqMemoryState.p50, l.echo.p50), target: '', verdict: '' },
    { measure: '· diagnostic: answer engine alone, p50 / p99', value: `${fmt(l.engine.p50)} / ${fmt(l.engine.p99)}`, baseline: '', ratio: '', target: '', verdict: '' },
  ];
}

/**
 * Each server figure is the best of its rounds, since other work on the machine only ever makes
 * things slower; memory is the highest of its rounds.
 */
function httpRows(runs: readonly HttpRun[], build: Build): Row[] {
  // A start that rebuilt the knowledge (someone rebuilt the code meanwhile) is no start-up figure.
  const clean = (bot: HttpRun['bot']) => {
    const mine = runs.filter((run) => run.bot === bot);
    const fresh = mine.filter((run) => !run.rebuilt);
    return fresh.length > 0 ? fresh : mine;
  };
  const values = (bot: HttpRun['bot'], pick: (run: HttpRun) => number | undefined) =>
    clean(bot).map(pick).filter((v): v is number => v !== undefined);
  const best = (higherIsBetter: boolean) => (bot: HttpRun['bot'], pick: (run: HttpRun) => number | undefined) => {
    const v = values(bot, pick);
    return v.length === 0 ? NaN : higherIsBetter ? Math.max(...v) : Math.min(...v);
  };
  const both = (choose: ReturnType<typeof best>, pick: (run: HttpRun) => number | undefined) => ({ faq: choose('faq', pick), echo: choose('echo', pick) });
  const most = best(true);
  const least = best(false);
  const rps = both(most, (x) => x.load.requestsPerSecond);
  const memoryRps = most('faqMemoryState', (x) => x.load.requestsPerSecond);
  const p50 = both(least, (x) => x.load.p50);
  const p99 = both(least, (x) => x.load.p99);
  const first = both(least, (x) => x.firstAnswerMs);
  const rss = both(most, (x) => x.startupRssMB);
  const loaded = both(most, (x) => x.loadedRssMB);
  const idle = both(most, (x) => x.idleRssMB);
  return [
    { measure: 'HTTP throughput (req/s)', value: fmt(rps.faq), baseline: `echo ${fmt(rps.echo)}`, ratio: ratio(rps.faq, rps.echo), target: '≥ 0.90× echo', verdict: verdict(rps.faq >= 0.9 * rps.echo) },
    { measure: '· diagnostic: state in memory (req/s)', value: fmt(memoryRps), baseline: `echo ${fmt(rps.echo)}`, ratio: ratio(memoryRps, rps.echo), target: '', verdict: '' },
    { measure: 'HTTP latency p50 / p99 (ms)', value: `${fmt(p50.faq)} / ${fmt(p99.faq)}`, baseline: `echo ${fmt(p50.echo)} / ${fmt(p99.echo)}`, ratio: ratio(p50.faq, p50.echo), target: '', verdict: '' },
    { measure: 'Start-up: process start → first answer (ms)', value: fmt(first.faq), baseline: `echo ${fmt(first.echo)}`, ratio: ratio(first.faq, first.echo), target: '≤ 1500', verdict: verdict(first.faq <= 1500) },
    buildRow(build),
    { measure: 'RSS after start-up, app (MB)', value: fmt(rss.faq), baseline: `echo ${fmt(rss.echo)}`, ratio: ratio(rss.faq, rss.echo), target: '≤ 150', verdict: verdict(rss.faq <= 150) },
    { measure: 'RSS right after the HTTP load, app (MB)', value: fmt(loaded.faq), baseline: `echo ${fmt(loaded.echo)}`, ratio: ratio(loaded.faq, loaded.echo), target: '', verdict: '' },
    { measure: `RSS ${IDLE_SECONDS} s after the HTTP load, app (MB)`, value: fmt(idle.faq), baseline: `echo ${fmt(idle.echo)}`, ratio: ratio(idle.faq, idle.echo), target: '≤ 150', verdict: verdict(idle.faq <= 150) },
  ];
}

const turnsPerSecond = (m: MemoryReport) => (1000 * (m.samples.at(-1)?.turns ?? NaN)) / m.samples.reduce((t, x) => t + x.ms, 0);

function memoryRows(m: NonNullable<Results['memory']>): Row[] {
  const last = (r: MemoryReport) => r.samples.at(-1)?.rssMB;
  const faqLast = last(m.faq);
  const flat = leveledOff(m.faq);
  const rate = { faq: turnsPerSecond(m.faq), echo: turnsPerSecond(m.echo) };
  return [
    { measure: 'RSS after start-up, bot in-process (MB)', value: fmt(m.faq.startupRssMB), baseline: `echo ${fmt(m.echo.startupRssMB)}`, ratio: ratio(m.faq.startupRssMB, m.echo.startupRssMB), target: '≤ 150', verdict: verdict(m.faq.startupRssMB <= 150) },
    {
      measure: `RSS after ${m.turns.toLocaleString('en')} turns, ${m.conversations.toLocaleString('en')} conv. (MB)`,
      value: `${fmt(faqLast)}, ${flat ? 'levels off' : 'still growing'}`,
      baseline: `echo ${fmt(last(m.echo))}`,
      ratio: ratio(faqLast, last(m.echo)),
      target: '≤ 150, levels off',
      verdict: verdict(faqLast !== undefined && faqLast <= 150 && flat),
    },
    { measure: '· turns/s in that run (10 in flight)', value: fmt(rate.faq), baseline: `echo ${fmt(rate.echo)}`, ratio: ratio(rate.faq, rate.echo), target: '', verdict: '' },
  ];
}

function growthRows(g: GrowthReport, build: Build): Row[] {
  const rows: Row[] = [];
  const base = g.baseline;
  rows.push({ measure: 'Growth 1×: turn p50 / p99 (ms)', value: `${fmt(base.turn.p50)} / ${fmt(base.turn.p99)}; engine ${fmt(base.engine.p50)}`, baseline: '', ratio: '', target: '', verdict: '' });
  for (const row of g.rows) {
    const m = row.measured;
    const latencyTarget = row.scale >= 100 ? 'p50 ≤ 3' : '';
    const at = `Growth ${row.scale}×:`;
    const buildS = m ? s(m.buildMs)! : NaN;
    rows.push({ measure: `${at} knowledge build (s)`, value: m ? fmt(buildS) : 'not finished', baseline: `1× ${fmt(s(build.buildMs))}`, ratio: m ? ratio(buildS, s(build.buildMs)) : '', target: '', verdict: '' });
    rows.push({ measure: `${at} reading the documents (ms)`, value: m ? `${fmt(m.ingestMs)}: ${m.ingested.names} names, ${m.ingested.facts} facts, ${m.ingested.intents} intents` : '', baseline: '', ratio: '', target: '', verdict: '' });
    rows.push({ measure: `${at} model file (MB)`, value: m ? fmt(m.modelMB) : '', baseline: `1× ${fmt(build.modelMB)}`, ratio: m ? ratio(m.modelMB, build.modelMB) : '', target: '', verdict: '' });
    rows.push({
      measure: `${at} turn p50 / p99 (ms)`,
      value: m ? `${fmt(m.turn.p50)} / ${fmt(m.turn.p99)}; engine ${fmt(m.engine.p50)}` : 'not measured',
      baseline: `1× ${fmt(base.turn.p50)} / ${fmt(base.turn.p99)}`,
      ratio: m ? ratio(m.turn.p50, base.turn.p50) : '',
      target: latencyTarget,
      verdict: latencyTarget ? verdict(m ? m.turn.p50 <= 3 : false) : '',
    });
  }
  return rows;
}

function soakRows(k: SoakReport): Row[] {
  const row = (measure: string, value: string, target = '', met?: boolean): Row => ({ measure, value, baseline: '', ratio: '', target, verdict: met === undefined ? '' : verdict(met) });
  return [
    row(`Soak ${k.seconds} s, new conversation per request (req/s)`, `${fmt(k.load.requestsPerSecond)} (${k.load.requests} requests, ${k.load.failures} failed)`),
    row('Soak: RSS start / peak / end (MB)', `${fmt(k.rssStartMB)} / ${fmt(k.rssPeakMB)} / ${fmt(k.rssEndMB)}`, 'peak ≤ 200', k.rssPeakMB <= 200),
    row(`Soak: RSS ${k.idleSeconds} s idle after it (MB)`, fmt(k.rssIdleMB), '≤ 150', (k.rssIdleMB ?? Infinity) <= 150),
    row('Soak: state on disk (MB, files)', `${fmt(k.stateMB)}, ${k.stateFiles} files`),
    { ...row('Soak: restart on that state → first answer (ms)', `${fmt(k.restartMs)}; RSS ${fmt(k.restartRssMB)} MB`, '≤ 1500', k.restartMs <= 1500), baseline: `empty state ${fmt(k.emptyStartMs)}`, ratio: ratio(k.restartMs, k.emptyStartMs) },
  ];
}

const buildRow = (build: Build): Row => ({ measure: 'Knowledge build 1× (s)', value: fmt(s(build.buildMs)), baseline: '', ratio: '', target: '', verdict: '' });

export function tableRows(r: Results): Row[] {
  return [
    ...(r.latency ? latencyRows(r.latency) : []),
    ...(r.languages ? languageRows(r.languages, r.latency) : []),
    ...(r.http ? httpRows(r.http, r.build) : [buildRow(r.build)]),
    ...(r.memory ? memoryRows(r.memory) : []),
    ...(r.growth ? growthRows(r.growth, r.build) : []),
    ...(r.soak ? soakRows(r.soak) : []),
  ];
}

export function details(r: Results): string[] {
  const lines: string[] = [];
  if (r.http) {
    lines.push('', 'HTTP runs (autocannon, 10 connections, loopback, 1,000 conversations, each after a 1 s warm-up; the table takes the best round, and the highest RSS):');
    for (const run of r.http) {
      const l = run.load;
      lines.push(`  ${run.bot.padEnd(14)} first answer ${fmt(run.firstAnswerMs)} ms, RSS ${fmt(run.startupRssMB)} → ${fmt(run.loadedRssMB)}${run.idleRssMB === undefined ? '' : ` → ${fmt(run.idleRssMB)} idle`} MB; ${fmt(l.requestsPerSecond)} req/s, p50 ${fmt(l.p50)} ms, p99 ${fmt(l.p99)} ms, ${l.requests} requests, ${l.failures} failed${run.rebuilt ? '; REBUILT its knowledge at start (the build code changed during the run)' : ''}`);
    }
  }
  if (r.memory) {
    lines.push('', `Memory (turns through the adapter, 10 in flight; sampled after GC): turns: RSS / heap used / heap total / external MB, ms for the block`);
    for (const [name, report] of [['faq', r.memory.faq], ['echo', r.memory.echo]] as const) {
      const samples = report.samples.map((x) => `${x.turns}: ${fmt(x.rssMB)}/${fmt(x.heapMB)}/${fmt(x.heapTotalMB)}/${fmt(x.externalMB)}, ${fmt(x.ms)}`);
      lines.push(`  ${name.padEnd(4)} start ${fmt(report.startupRssMB)} · ${samples.join(' · ')}`);
    }
  }
  if (r.growth) {
    const b = r.build;
    lines.push('', `Growth (generated copies of the knowledge, each built in full; 1×: ${b.examples} examples, ${b.labels} labels × ${b.features} features, engine alone p50 ${fmt(r.growth.baseline.engine.p50)} ms):`);
    for (const g of r.growth.rows) {
      const c = g.counts;
      const m = g.measured;
      lines.push(`  ${g.scale}×: ${c.sources} sources, ${c.entities} entities, ${c.facts} facts, ${c.intents} intents (generated in ${fmt(g.generateMs)} ms)${g.note ? '; ' + g.note : ''}`);
      if (m) {
        lines.push(`      ${m.examples} examples, ${m.labels} labels × ${m.features} features; build ${fmt(s(m.buildMs))} s at ${fmt(m.buildRssMB)} MB RSS, model ${fmt(m.modelMB)} MB, store ${fmt(m.storeMB)} MB`);
        lines.push(`      load ${fmt(m.loadMs)} ms${m.rebuiltAtLoad ? ' (REBUILT at load: the build code changed during the run)' : ''}, engine alone p50 ${fmt(m.engine.p50)} / p99 ${fmt(m.engine.p99)} ms`);
      }
    }
  }
  return lines;
}

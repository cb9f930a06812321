/**
 * npm run bench — how fast the FAQ bot is, each figure beside a baseline measured in the same run
 * (these machines are shared and noisy): in-process turn latency, HTTP throughput, start-up,
 * memory, and growth to generated knowledge bases 10× and 100× the real one. Prints one table.
 *   npm run bench [-- --seconds 5 --rounds 2 --growth-budget 600 --scales 10,100 --soak-seconds 180 --soak-idle 60
 *                    --only latency,http,memory,growth,soak]
 * Needs `npm run build` first. Nothing here asserts a timing: it is a benchmark, not a test.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../src/config';
import { buildKnowledge, MODEL_FILE, writeBuild } from '../src/knowledge/build';
import { questionsFileOf, readQuestions } from './lib/bench/activities';
import { composeEchoBot, composeFaqBot } from './lib/bench/composeBot';
import { benchConfig, machineHeader, removeTempDirs, tempDir } from './lib/bench/env';
import { measureGrowth } from './lib/bench/growth';
import { measureHttp } from './lib/bench/http';
import { measureLanguageLatency, measureLatency } from './lib/bench/latency';
import { measureMemory } from './lib/bench/memory';
import { measureSoak } from './lib/bench/soak';
import { details, tableRows, type Build, type Results } from './lib/bench/report';
import { fmt, msSince, now } from './lib/bench/stats';
import { markdownTable } from './lib/bench/table';

const SECTIONS = ['latency', 'http', 'memory', 'growth', 'soak'] as const;

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(name);
  return at >= 0 && process.argv[at + 1] ? process.argv[at + 1]! : fallback;
}

const log = (line: string) => process.stderr.write(`… ${line}\n`);

/** The real knowledge, built into a throw-away folder (never the shared knowledge/build). */
async function buildReference(knowledgeDir: string): Promise<Build> {
  const buildDir = tempDir('build');
  const start = now();
  const result = await buildKnowledge(knowledgeDir);
  const buildMs = msSince(start);
  await writeBuild(buildDir, result);
  const { classifier } = result.model.understanding;
  const d = result.data;
  return {
    buildMs,
    buildDir,
    modelMB: fs.statSync(path.join(buildDir, MODEL_FILE)).size / 1e6,
    examples: result.examples,
    labels: classifier.labels.length,
    features: classifier.features.length,
    counts: `${d.sources.length} sources, ${d.sentences.length} sentences, ${d.entities.length} entities, ${d.facts.length} facts, ${d.intents.length} intents`,
  };
}

async function main(): Promise<void> {
  const only = new Set(option('--only', SECTIONS.join(',')).split(','));
  const texts = readQuestions();
  const { knowledgeDir } = loadConfig();
  const started = now();

  log('building the knowledge…');
  const build = await buildReference(knowledgeDir);
  const { buildDir } = build;
  const results: Results = { build };

  if (only.has('latency')) {
    log('in-process turn latency…');
    const config = benchConfig({ dataDir: tempDir('latency'), buildDir });
    const faq = await composeFaqBot(config);
    // Its own data folder: the question logs refuse a second writer on one file.
    const faqMemoryState = await composeFaqBot(benchConfig({ dataDir: tempDir('latency-memory'), buildDir }), { memoryState: true });
    results.latency = await measureLatency({ faq, echo: composeEchoBot(config), faqMemoryState }, texts, 3);
    await Promise.all([faq.close(), faqMemoryState.close()]);
    const languages = [];
    for (const language of faq.knowledge?.engine.languages.slice(1) ?? []) {
      if (!fs.existsSync(questionsFileOf(language))) continue;
      log(`in-process turn latency, questions in "${language}"…`);
      const bot = await composeFaqBot(benchConfig({ dataDir: tempDir(`latency-${language}`), buildDir }));
      languages.push(await measureLanguageLatency(bot, language, readQuestions(process.cwd(), questionsFileOf(language)), 3));
      await bot.close();
    }
    results.languages = languages;
  }
  if (only.has('http')) {
    const seconds = Number(option('--seconds', '5'));
    const rounds = Number(option('--rounds', '2'));
    results.http = await measureHttp({ rounds, seconds, connections: 10, conversations: 1000, texts, buildDir }, log);
  }
  if (only.has('memory')) {
    const turns = 10_000;
    const conversations = 1_000;
    log(`memory: ${turns} turns over ${conversations} conversations, echo then FAQ bot…`);
    const echo = await measureMemory('echo', buildDir, turns, conversations);
    const faq = await measureMemory('faq', buildDir, turns, conversations);
    results.memory = { faq, echo, turns, conversations };
  }
  if (only.has('growth')) {
    const scales = option('--scales', '10,100').split(',').map(Number);
    const budgetMs = Number(option('--growth-budget', '600')) * 1000;
    results.growth = await measureGrowth({ scales, budgetMs, buildDir, knowledgeDir, questions: texts }, log);
  }
  if (only.has('soak')) {
    const seconds = Number(option('--soak-seconds', '180'));
    const idleSeconds = Number(option('--soak-idle', '60'));
    results.soak = await measureSoak({ seconds, idleSeconds, connections: 10, texts: texts.slice(0, 20), buildDir }, log);
  }

  const out = [
    '## Benchmark (`npm run bench`)',
    '',
    machineHeader(),
    `Knowledge: ${build.counts}; model ${build.labels} labels × ${build.features} features. ${texts.length} labelled questions.`,
    '',
    markdownTable(tableRows(results)),
    ...details(results),
    '',
    `Finished in ${fmt(msSince(started) / 1000)} s.`,
  ];
  process.stdout.write(out.join('\n') + '\n');
}

main()
  .catch((error: Error) => {
    process.stderr.write(`bench failed: ${error.stack ?? error.message}\n`);
    process.exitCode = 1;
  })
  .finally(removeTempDirs);

/**
 * Growth: generated knowledge bases N times the real one, each built as `npm run knowledge:build`
 * builds it, then loaded and timed, in a child process of its own (a build that runs past the
 * budget is stopped, and each size's memory is its own).
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { generateKnowledge, type GeneratedKnowledge } from '../generateKnowledge';
import { tempDir } from './env';
import type { GrowthJob, GrowthResult } from './growthChild';
import { msSince, now } from './stats';

const run = promisify(execFile);

export interface GrowthRow {
  readonly scale: number;
  readonly counts: GeneratedKnowledge['counts'];
  readonly generateMs: number;
  /** Absent when the build did not finish within the budget. */
  readonly measured?: GrowthResult;
  readonly note: string;
}

export interface GrowthOptions {
  readonly scales: readonly number[];
  /** The real knowledge's build: the 1× baseline. */
  readonly buildDir: string;
  /** Longest build to wait for, ms. */
  readonly budgetMs: number;
  readonly knowledgeDir: string;
  readonly questions: readonly string[];
}

export interface GrowthReport {
  /** Turns over the real knowledge, timed by the same child code as the bigger sizes. */
  readonly baseline: GrowthResult;
  readonly rows: readonly GrowthRow[];
}

async function runChild(job: GrowthJob, timeoutMs: number): Promise<GrowthResult> {
  const script = path.join(__dirname, 'growthChild.js');
  const { stdout } = await run(process.execPath, ['--max-old-space-size=6144', script, JSON.stringify(job)], {
    timeout: timeoutMs,
    killSignal: 'SIGKILL',
    maxBuffer: 1 << 20,
    env: { ...process.env, DOTENV_CONFIG_QUIET: 'true' },
  });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as GrowthResult;
}

/** The labelled questions spread over the copies, each worded as its copy words it. */
function spread(generated: GeneratedKnowledge, questions: readonly string[]): string[] {
  return questions.map((q, i) => generated.translate(q, (i * 7) % generated.scale));
}

const firstLine = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0]!;

export async function measureGrowth(options: GrowthOptions, log: (line: string) => void): Promise<GrowthReport> {
  log('growth 1×: baseline turns…');
  const baseline = await runChild({ mode: 'prebuilt', knowledgeDir: options.knowledgeDir, buildDir: options.buildDir, dataDir: tempDir('kb1-data'), questions: options.questions }, options.budgetMs);
  const rows: GrowthRow[] = [];
  for (const scale of [...options.scales].sort((a, b) => a - b)) {
    let start = now();
    const generated = generateKnowledge(options.knowledgeDir, tempDir(`kb${scale}`), scale);
    const generateMs = msSince(start);
    const job: GrowthJob = { mode: 'full', knowledgeDir: generated.dir, buildDir: tempDir(`kb${scale}-build`), dataDir: tempDir(`kb${scale}-data`), questions: spread(generated, options.questions) };
    log(`growth ${scale}×: build and turns (up to ${Math.round(options.budgetMs / 1000)} s)…`);
    start = now();
    try {
      rows.push({ scale, counts: generated.counts, generateMs, measured: await runChild(job, options.budgetMs), note: '' });
    } catch (error) {
      const note = `stopped after ${Math.round(msSince(start) / 1000)} s (budget ${Math.round(options.budgetMs / 1000)} s, --growth-budget): ${firstLine(error)}`;
      rows.push({ scale, counts: generated.counts, generateMs, note });
    }
  }
  return { baseline, rows };
}

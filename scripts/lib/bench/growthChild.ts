/**
 * Child process of the growth benchmark: builds one generated knowledge base, loads it and times
 * turns over it; prints one JSON line. A child, so a build that runs too long can be stopped and
 * each size's memory is its own.
 *   mode "full":  the real build (buildKnowledge), as `npm run knowledge:build` does it.
 *   mode "quick": the same build with one training pass and no threshold calibration: a model of
 *                 the same shape (labels × features), for timing turns when the full build is too slow;
 *                 also times one training pass, from which the full build's time is estimated.
 *   mode "prebuilt": no build; times turns over the build given (the 1× baseline), and one
 *                 training pass, the yardstick for the other sizes' estimates.
 */
import fs from 'node:fs';
import path from 'node:path';
import { buildKnowledge, FACT_STORE_FILE, MODEL_FILE, readBuild, writeBuild, type BuildResult } from '../../../src/knowledge/build';
import { composeFaqBot } from './composeBot';
import { benchConfig } from './env';
import { timeEngine } from './latency';
import { latencyOf, msSince, now, type Latency } from './stats';
import { quickBuild, type ModelShape } from './training';
import { timeTurns } from './turns';

export interface GrowthJob {
  /** prebuilt: buildDir already holds the build (the 1× baseline). */
  readonly mode: 'full' | 'quick' | 'prebuilt';
  readonly knowledgeDir: string;
  readonly buildDir: string;
  readonly dataDir: string;
  readonly questions: readonly string[];
}

export interface GrowthResult extends ModelShape {
  readonly mode: GrowthJob['mode'];
  readonly buildMs: number;
  /** Quick and prebuilt modes: what one more training pass over all examples adds to a build. */
  readonly epochMs?: number;
  readonly modelMB: number;
  readonly storeMB: number;
  readonly loadMs: number;
  /** Loading found the build stale (the build code changed meanwhile) and rebuilt it: loadMs includes a build. */
  readonly rebuiltAtLoad: boolean;
  readonly turn: Latency;
  readonly engine: Latency;
}

const sizeMB = (file: string) => fs.statSync(file).size / 1e6;

/** One training pass over all examples: a one-pass build against a three-pass one, after a warm-up (JIT, word lists). */
function timePass(dir: string): { built: BuildResult; oneMs: number; epochMs: number } {
  const { built } = quickBuild(dir, 1);
  const one = quickBuild(dir, 1);
  const three = quickBuild(dir, 3);
  return { built, oneMs: one.ms, epochMs: Math.max(0, (three.ms - one.ms) / 2) };
}

/** The build this job asks for, its time, and (quick, prebuilt) the time of one training pass. */
function build(job: GrowthJob): { built?: BuildResult; buildMs: number; epochMs?: number } {
  if (job.mode === 'prebuilt') return { buildMs: NaN, epochMs: timePass(job.knowledgeDir).epochMs };
  if (job.mode === 'full') {
    const start = now();
    const built = buildKnowledge(job.knowledgeDir);
    return { built, buildMs: msSince(start) };
  }
  const { built, oneMs, epochMs } = timePass(job.knowledgeDir);
  return { built, buildMs: oneMs, epochMs };
}

async function main(): Promise<void> {
  const job = JSON.parse(process.argv[2] ?? '{}') as GrowthJob;
  const { built, buildMs, epochMs } = build(job);
  if (built) await writeBuild(job.buildDir, built);
  const { classifier } = built?.model.understanding ?? (await readBuild(job.buildDir)).model.understanding;
  const shape: ModelShape = { examples: built?.examples ?? NaN, labels: classifier.labels.length, features: classifier.features.length };

  const start = now();
  const bot = await composeFaqBot(benchConfig({ dataDir: job.dataDir, buildDir: job.buildDir, knowledgeDir: job.knowledgeDir }));
  const loadMs = msSince(start);
  const plan = { texts: job.questions, conversations: 20 };
  await timeTurns(bot, { ...plan, prefix: 'warm' });
  const turns = [...(await timeTurns(bot, { ...plan, prefix: 'a' })), ...(await timeTurns(bot, { ...plan, prefix: 'b' }))];
  const result: GrowthResult = {
    mode: job.mode,
    ...shape,
    buildMs,
    ...(epochMs === undefined ? {} : { epochMs }),
    modelMB: sizeMB(path.join(job.buildDir, MODEL_FILE)),
    storeMB: sizeMB(path.join(job.buildDir, FACT_STORE_FILE)),
    loadMs,
    rebuiltAtLoad: bot.knowledge?.rebuilt ?? false,
    turn: latencyOf(turns),
    engine: latencyOf(timeEngine(bot, job.questions, 2)),
  };
  await bot.close();
  process.stdout.write(JSON.stringify(result) + '\n');
}

if (require.main === module) {
  main().catch((error: Error) => {
    process.stderr.write(`growth benchmark failed: ${error.stack ?? error.message}\n`);
    process.exit(1);
  });
}

/**
 * Child process of the growth benchmark: builds one generated knowledge base (mode "full", as
 * `npm run knowledge:build` does) or takes a build as it is (mode "prebuilt", the 1× baseline),
 * loads it and times turns over it; prints one JSON line.
 */
import fs from 'node:fs';
import path from 'node:path';
import { buildKnowledge, FACT_STORE_FILE, MODEL_FILE, readBuild, writeBuild, type BuildResult } from '../../../src/knowledge/build';
import { ingest } from '../../../src/knowledge/ingest';
import { readKnowledge } from '../../../src/knowledge/read';
import { composeFaqBot } from './composeBot';
import { benchConfig } from './env';
import { timeEngine } from './latency';
import { latencyOf, msSince, now, type Latency } from './stats';
import { timeTurns } from './turns';

export interface GrowthJob {
  /** prebuilt: buildDir already holds the build (the 1× baseline). */
  readonly mode: 'full' | 'prebuilt';
  readonly knowledgeDir: string;
  readonly buildDir: string;
  readonly dataDir: string;
  readonly questions: readonly string[];
}

export interface GrowthResult {
  readonly mode: GrowthJob['mode'];
  /** Training examples (full builds), labels and features of the classifier. */
  readonly examples: number;
  readonly labels: number;
  readonly features: number;
  readonly buildMs: number;
  /** Reading the documents (names, pattern facts) alone, within the build; and what it found. */
  readonly ingestMs: number;
  readonly ingested: { readonly names: number; readonly facts: number; readonly intents: number };
  readonly buildRssMB: number;
  readonly modelMB: number;
  readonly storeMB: number;
  readonly loadMs: number;
  /** Loading found the build stale (the build code changed meanwhile) and rebuilt it: loadMs includes a build. */
  readonly rebuiltAtLoad: boolean;
  readonly turn: Latency;
  readonly engine: Latency;
}

const sizeMB = (file: string) => fs.statSync(file).size / 1e6;

async function main(): Promise<void> {
  const job = JSON.parse(process.argv[2] ?? '{}') as GrowthJob;
  let built: BuildResult | undefined;
  let buildMs = NaN;
  let ingestMs = NaN;
  let ingested = { names: NaN, facts: NaN, intents: NaN };
  if (job.mode === 'full') {
    const files = readKnowledge(job.knowledgeDir);
    const ingestStart = now();
    const found = ingest(files);
    ingestMs = msSince(ingestStart);
    ingested = { names: found.entities.length, facts: found.facts.length, intents: found.intents.length };
    const start = now();
    built = await buildKnowledge(job.knowledgeDir);
    buildMs = msSince(start);
    await writeBuild(job.buildDir, built);
  }
  const buildRssMB = process.memoryUsage().rss / 1e6;
  const { classifier } = built?.model.understanding ?? (await readBuild(job.buildDir)).model.understanding;
  const shape = { examples: built?.examples ?? NaN, labels: classifier.labels.length, features: classifier.features.length };

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
    ingestMs,
    ingested,
    buildRssMB,
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

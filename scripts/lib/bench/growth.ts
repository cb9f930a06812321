/**
 * Growth: generated knowledge bases N times the real one, each built and timed in a child process.
 * A quick build (one training pass) gives each size's model shape, a same-shape model to time
 * turns with, and the time of one training pass. A full build is run when its estimate fits the
 * budget: the real knowledge's full build time × how much longer a training pass takes at this
 * size than at 1× (no assumption on how many passes a full build makes). Sizes too big for even a
 * quick build are scaled from the last one measured (a pass costs examples × labels).
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { loadKnowledge } from '../../../src/answering/load';
import { generateKnowledge, type GeneratedKnowledge } from '../generateKnowledge';
import { tempDir } from './env';
import type { GrowthJob, GrowthResult } from './growthChild';
import type { ModelShape } from './training';
import { predictCost } from './predictCost';
import { msSince, now, type Latency } from './stats';

const run = promisify(execFile);

/** V8's longest string: a model whose JSON is longer cannot be written (JSON.stringify throws). */
export const MAX_JSON_MB = (2 ** 29 - 24) / 1e6;
/** A quick build makes five passes in all (warm-up, one, three). */
const QUICK_BUILD_PASSES = 5;

export interface Reference extends ModelShape {
  readonly buildMs: number;
  readonly modelMB: number;
}

export interface Estimate extends ModelShape {
  readonly buildMs: number;
  readonly modelMB: number;
  readonly epochMs: number;
}

export interface GrowthRow {
  readonly scale: number;
  readonly counts: GeneratedKnowledge['counts'];
  readonly generateMs: number;
  /** Measured (full or quick child), when it could run. */
  readonly measured?: GrowthResult;
  readonly estimate: Estimate;
  readonly note: string;
}

export interface GrowthOptions {
  readonly scales: readonly number[];
  /** The real knowledge's build: the 1× baseline. */
  readonly buildDir: string;
  /** Longest full build to attempt, ms. */
  readonly budgetMs: number;
  readonly knowledgeDir: string;
  readonly questions: readonly string[];
}

export interface GrowthReport {
  /** Turns over the real knowledge, timed by the same child code as the bigger sizes. */
  readonly baseline: GrowthResult;
  readonly rows: readonly GrowthRow[];
  /** One classification at each size's label count (see predictCost). */
  readonly predict: readonly { readonly labels: number; readonly latency: Latency }[];
}

/** A training pass updates every label for every example; the model holds every label for every feature. */
const work = (s: ModelShape) => s.examples * s.labels;
const cells = (s: ModelShape) => s.features * s.labels;

/** The real knowledge's full build, and its one-pass time: the yardstick. */
interface Yardstick extends Reference {
  readonly epochMs: number;
}

/** From a quick build of this size, or scaled from the last quick build measured (or the 1× yardstick). */
function estimate(shape: ModelShape, quick: GrowthResult | undefined, last: GrowthResult | undefined, yardstick: Yardstick): Estimate {
  const from = quick ?? last ?? yardstick;
  const epochMs = quick?.epochMs ?? ((from.epochMs ?? yardstick.epochMs) * work(shape)) / work(from);
  const modelMB = quick ? quick.modelMB : (from.modelMB * cells(shape)) / cells(from);
  return { ...shape, epochMs, buildMs: (yardstick.buildMs * epochMs) / yardstick.epochMs, modelMB };
}

/** Each generated copy adds the same; a shape at any size follows from two measured sizes. */
function extrapolate(a: { scale: number; shape: ModelShape }, b: { scale: number; shape: ModelShape }, scale: number): ModelShape {
  const at = (x: number, y: number) => Math.round(x + ((y - x) * (scale - a.scale)) / (b.scale - a.scale));
  return { examples: at(a.shape.examples, b.shape.examples), labels: at(a.shape.labels, b.shape.labels), features: at(a.shape.features, b.shape.features) };
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

/** The real questions' classifier features, as the real knowledge's understanding sees them. */
async function questionFeatures(options: GrowthOptions): Promise<string[][]> {
  const { understanding } = await loadKnowledge(options.knowledgeDir, options.buildDir);
  return options.questions.map((q) => [...understanding.analyse(q).features]);
}

const firstLine = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0]!;

export async function measureGrowth(reference: Reference, options: GrowthOptions, log: (line: string) => void): Promise<GrowthReport> {
  log('growth 1×: baseline turns…');
  const timeoutMs = 2 * options.budgetMs + 60_000;
  const baseline = await runChild({ mode: 'prebuilt', knowledgeDir: options.knowledgeDir, buildDir: options.buildDir, dataDir: tempDir('kb1-data'), questions: options.questions }, timeoutMs);
  const yardstick: Yardstick = { ...reference, epochMs: baseline.epochMs ?? reference.buildMs };
  const rows: GrowthRow[] = [];
  let known = { scale: 1, shape: reference as ModelShape };
  let lastQuick: GrowthResult | undefined;
  for (const scale of [...options.scales].sort((a, b) => a - b)) {
    let start = now();
    const generated = generateKnowledge(options.knowledgeDir, tempDir(`kb${scale}`), scale);
    const generateMs = msSince(start);
    const questions = spread(generated, options.questions);
    const child = (mode: GrowthJob['mode']) =>
      runChild({ mode, knowledgeDir: generated.dir, buildDir: tempDir(`kb${scale}-build`), dataDir: tempDir(`kb${scale}-data`), questions }, timeoutMs);

    // The first size is always tried; a later one only if its quick build would fit the budget.
    const likely = known.scale > 1 ? estimate(extrapolate({ scale: 1, shape: reference }, known, scale), undefined, lastQuick, yardstick) : undefined;
    let quick: GrowthResult | undefined;
    let note = '';
    if (!likely || (likely.epochMs * QUICK_BUILD_PASSES <= options.budgetMs && likely.modelMB < MAX_JSON_MB)) {
      log(`growth ${scale}×: quick build…`);
      try {
        quick = await child('quick');
      } catch (error) {
        note = `quick build failed: ${firstLine(error)}; `;
      }
    }
    const shape: ModelShape = quick ?? likely ?? { examples: reference.examples * scale, labels: reference.labels * scale, features: reference.features * scale };
    const guess = estimate(shape, quick, lastQuick, yardstick);
    let measured = quick;
    if (guess.modelMB >= MAX_JSON_MB) {
      note += `not built: its model, ≈ ${Math.round(guess.modelMB)} MB of JSON, is over V8's ${Math.round(MAX_JSON_MB)} MB string limit`;
    } else if (guess.buildMs <= options.budgetMs) {
      log(`growth ${scale}×: full build (estimated ${Math.round(guess.buildMs / 1000)} s)…`);
      start = now();
      try {
        measured = await child('full');
        note += 'full build';
      } catch (error) {
        note += `full build stopped after ${Math.round(msSince(start) / 1000)} s: ${firstLine(error)}`;
      }
    } else {
      note += quick
        ? `full build estimated over the ${Math.round(options.budgetMs / 1000)} s budget: turns timed with the same-shape quick model`
        : `not built: even a quick build is estimated over the ${Math.round(options.budgetMs / 1000)} s budget`;
    }
    if (measured) known = { scale, shape: measured };
    if (quick) lastQuick = quick;
    rows.push({ scale, counts: generated.counts, generateMs, ...(measured ? { measured } : {}), estimate: guess, note });
  }
  log('growth: one classification at each label count…');
  const features = await questionFeatures(options);
  const labelCounts = [reference.labels, ...rows.map((row) => (row.measured ?? row.estimate).labels)];
  const predict = labelCounts.map((labels) => ({ labels, latency: predictCost(features, labels) }));
  return { baseline, rows, predict };
}

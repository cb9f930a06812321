/**
 * The NLU benchmark's protocol (Braun et al., 2017): train on each corpus's training sentences,
 * classify its test sentences, score intents by micro-F1 with "None" counted as a class.
 * Systems are plain functions, so the project's classifier and the reference ones run the same way.
 */
import fs from 'node:fs';
import path from 'node:path';
import { seededRandom, shuffle } from '../../src/nlu/random';

export const NONE = 'None';

export interface Sentence {
  readonly text: string;
  readonly intent: string;
}

export interface Corpus {
  readonly name: string;
  readonly train: readonly Sentence[];
  readonly test: readonly Sentence[];
}

/** The three corpora, in the order the published tables use. */
export const CORPUS_FILES: readonly { readonly name: string; readonly file: string }[] = [
  { name: 'Chatbot', file: 'ChatbotCorpus.json' },
  { name: 'AskUbuntu', file: 'AskUbuntuCorpus.json' },
  { name: 'WebApps', file: 'WebApplicationsCorpus.json' },
];

/** Published intent micro-F1 (from the corpora's README): corpus order as CORPUS_FILES, then pooled. */
export const PUBLISHED: readonly { readonly system: string; readonly scores: readonly [number, number, number, number] }[] = [
  { system: 'LUIS (2017, published)', scores: [0.981, 0.9, 0.814, 0.912] },
  { system: 'Watson Conversation (2017, published)', scores: [0.972, 0.917, 0.831, 0.92] },
  { system: 'Dialogflow / API.ai (2017, published)', scores: [0.927, 0.853, 0.803, 0.87] },
  { system: 'Rasa (2017, published)', scores: [0.981, 0.862, 0.746, 0.883] },
  { system: 'NLP.js (its docs, published)', scores: [0.99, 0.93, 0.83, 0.93] },
  { system: 'SemHash best run (2019, published)', scores: [0.99, 0.93, 0.85, 0.93] },
];

export class BenchError extends Error {}

interface RawCorpus {
  readonly sentences?: readonly { text?: unknown; intent?: unknown; training?: unknown }[];
}

/** Reads one corpus file: sentences with `training: true` train, the rest test. */
export function readCorpus(name: string, file: string): Corpus {
  let raw: RawCorpus;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8')) as RawCorpus;
  } catch (error) {
    throw new BenchError(`${file}: cannot read the corpus: ${(error as Error).message}`);
  }
  if (!Array.isArray(raw.sentences)) throw new BenchError(`${file}: no "sentences" array`);
  const train: Sentence[] = [];
  const test: Sentence[] = [];
  for (const [i, s] of raw.sentences.entries()) {
    if (typeof s.text !== 'string' || typeof s.intent !== 'string') throw new BenchError(`${file}: sentence ${i} has no text or intent`);
    (s.training === true ? train : test).push({ text: s.text, intent: s.intent });
  }
  return { name, train, test };
}

export function loadCorpora(dir: string): Corpus[] {
  if (!fs.existsSync(dir)) {
    throw new BenchError(`corpora folder not found: ${dir} (pass --corpora DIR; it must hold ${CORPUS_FILES.map((c) => c.file).join(', ')})`);
  }
  return CORPUS_FILES.map(({ name, file }) => {
    const at = path.join(dir, file);
    if (!fs.existsSync(at)) throw new BenchError(`corpus file not found: ${at}`);
    return readCorpus(name, at);
  });
}

/**
 * The corpus dealt again at random (seeded), each intent keeping as many training sentences as the
 * published split gives it. With a few dozen test sentences one split moves by a point or two with
 * any change; the mean over many such splits tells a real improvement from luck.
 */
export function resplit(corpus: Corpus, seed: number): Corpus {
  const next = seededRandom(seed);
  const byIntent = new Map<string, { sentences: Sentence[]; train: number }>();
  for (const [sentences, isTrain] of [[corpus.train, true], [corpus.test, false]] as const) {
    for (const sentence of sentences) {
      const entry = byIntent.get(sentence.intent) ?? { sentences: [], train: 0 };
      entry.sentences.push(sentence);
      if (isTrain) entry.train++;
      byIntent.set(sentence.intent, entry);
    }
  }
  const train: Sentence[] = [];
  const test: Sentence[] = [];
  for (const { sentences, train: count } of byIntent.values()) {
    shuffle(sentences, next);
    train.push(...sentences.slice(0, count));
    test.push(...sentences.slice(count));
  }
  return { name: corpus.name, train, test };
}

/** A trained system: the intent of one text ("None" when out of scope). */
export type Classify = (text: string) => string | Promise<string>;

export interface IntentSystem {
  readonly name: string;
  train(examples: readonly Sentence[]): Promise<Classify>;
}

export interface Outcome {
  readonly gold: string;
  readonly predicted: string;
}

export interface CorpusRun {
  readonly corpus: string;
  readonly outcomes: readonly Outcome[];
  readonly trainMs: number;
  readonly classifyMs: number;
}

export interface SystemRun {
  readonly system: string;
  readonly runs: readonly CorpusRun[];
}

/** Milliseconds since `start` (a process.hrtime.bigint() value). */
export function elapsedMs(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const TIMING_PASSES = 3;

export async function runSystem(system: IntentSystem, corpora: readonly Corpus[]): Promise<SystemRun> {
  const runs: CorpusRun[] = [];
  // An untimed warm-up (module loading, word lists, JIT), so the system that runs first pays no extra.
  const sample = corpora[0]?.train.slice(0, 20) ?? [];
  if (sample.length) await (await system.train(sample))(sample[0]!.text);
  for (const corpus of corpora) {
    const trainStart = process.hrtime.bigint();
    const classify = await system.train(corpus.train);
    const trainMs = elapsedMs(trainStart);
    // One untimed call first: lazy loading (word lists, caches) is not a per-utterance cost.
    if (corpus.train[0]) await classify(corpus.train[0].text);
    let outcomes: Outcome[] = [];
    let classifyMs = Infinity;
    // The fastest of a few passes: the least disturbed by garbage collection and other processes.
    for (let pass = 0; pass < TIMING_PASSES; pass++) {
      const predicted: Outcome[] = [];
      const start = process.hrtime.bigint();
      for (const sentence of corpus.test) predicted.push({ gold: sentence.intent, predicted: await classify(sentence.text) });
      classifyMs = Math.min(classifyMs, elapsedMs(start));
      if (pass === 0) outcomes = predicted;
    }
    runs.push({ corpus: corpus.name, outcomes, trainMs, classifyMs });
  }
  return { system: system.name, runs };
}

/**
 * Micro-F1 over all intents, None included: a right prediction is a TP, a wrong one an FP (for the
 * predicted intent) and an FN (for the gold one). With one prediction per sentence this is accuracy.
 */
export function microF1(outcomes: readonly Outcome[]): number {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const { gold, predicted } of outcomes) {
    if (gold === predicted) tp++;
    else {
      fp++;
      fn++;
    }
  }
  return tp + fp + fn === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
}

export interface Rate {
  readonly count: number;
  readonly total: number;
}

export interface OutOfScope {
  /** None sentences answered with an intent: confident wrong answers to out-of-scope questions. */
  readonly noneAnswered: Rate;
  /** In-scope sentences answered with another (non-None) intent. */
  readonly wrongIntent: Rate;
}

export function outOfScope(outcomes: readonly Outcome[]): OutOfScope {
  const none = outcomes.filter((o) => o.gold === NONE);
  const inScope = outcomes.filter((o) => o.gold !== NONE);
  return {
    noneAnswered: { count: none.filter((o) => o.predicted !== NONE).length, total: none.length },
    wrongIntent: { count: inScope.filter((o) => o.predicted !== NONE && o.predicted !== o.gold).length, total: inScope.length },
  };
}

export interface Summary {
  readonly system: string;
  /** Per corpus (CORPUS_FILES order), then pooled. */
  readonly scores: readonly number[];
  readonly trainMs: number;
  readonly microsPerUtterance: number;
}

/** The outcomes on one corpus, over all its runs (one per resplit). */
export function outcomesOn(run: SystemRun, corpus: string): Outcome[] {
  return run.runs.filter((r) => r.corpus === corpus).flatMap((r) => r.outcomes);
}

/** Scores per corpus (in the order the runs first name them) and pooled; train time per pass over the corpora. */
export function summarise(run: SystemRun): Summary {
  const corpora = [...new Set(run.runs.map((r) => r.corpus))];
  const all = run.runs.flatMap((r) => r.outcomes);
  const passes = corpora.length ? run.runs.length / corpora.length : 1;
  const trainMs = run.runs.reduce((sum, r) => sum + r.trainMs, 0) / passes;
  const classifyMs = run.runs.reduce((sum, r) => sum + r.classifyMs, 0);
  return {
    system: run.system,
    scores: [...corpora.map((c) => microF1(outcomesOn(run, c))), microF1(all)],
    trainMs,
    microsPerUtterance: all.length ? (classifyMs * 1000) / all.length : 0,
  };
}

/** A plain-text table with right-aligned columns after the first. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export const score3 = (x: number) => x.toFixed(3).replace(/^0\./, '.');
export const rate = (r: Rate) => (r.total ? `${r.count}/${r.total} = ${(100 * (r.count / r.total)).toFixed(1)}%` : 'n/a');

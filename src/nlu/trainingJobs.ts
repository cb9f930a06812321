/**
 * The independent trainings of one understanding build: each calibration fold (train on the other
 * folds, guess the held-out examples) and the final classifier. Plain data in and out, so a job
 * can run on a worker thread (trainingWorker.ts) as well as in-process.
 */
import { IntentClassifier, type ClassifierModel, type TrainingOptions } from './classifier';
import { synonymTable, withSynonyms } from './synonyms';
import { isWord } from './features';

/** A training text turned into classifier features. */
export interface EncodedExample {
  readonly features: readonly string[];
  readonly label: string;
  readonly weight: number;
}

export interface HeldOutGuess {
  readonly score: number;
  readonly gold: string;
  readonly guess: string;
}

export type TrainingJob =
  | { readonly kind: 'fold'; readonly train: readonly EncodedExample[]; readonly test: readonly EncodedExample[]; readonly options: JobOptions }
  | { readonly kind: 'final'; readonly train: readonly EncodedExample[]; readonly options: JobOptions };

export interface JobOptions {
  readonly training: TrainingOptions;
  /** See UnderstandingOptions.labelBalance. */
  readonly labelBalance: number;
  /** Whether WordNet synonyms apply (English); otherwise the synonym table stays empty. */
  readonly synonyms?: boolean;
}

export interface TrainingResult {
  /** A fold's best guesses for its held-out examples whose label it trained on. */
  readonly guesses?: HeldOutGuess[];
  /** The final job's classifier, and its synonym table (reading WordNet takes a while: once per thread). */
  readonly model?: ClassifierModel;
  readonly synonyms?: [string, string[]][];
}

/**
 * Scales each example's weight by (mean label weight / its label's weight) ^ exponent, then rescales
 * so the total is unchanged (the prior keeps its strength). With few examples, the bias and the words
 * labels share otherwise side with the labels that have most examples, and a label with two examples
 * is never guessed; the square root (0.5) is the usual compromise with the real label frequencies.
 */
export function balanceLabels<T extends { label: string; weight: number }>(examples: readonly T[], exponent: number): T[] {
  const totals = new Map<string, number>();
  for (const e of examples) totals.set(e.label, (totals.get(e.label) ?? 0) + e.weight);
  const mean = [...totals.values()].reduce((a, b) => a + b, 0) / totals.size;
  const scaled = examples.map((e) => ({ ...e, weight: e.weight * (mean / totals.get(e.label)!) ** exponent }));
  const rescale = (mean * totals.size) / scaled.reduce((sum, e) => sum + e.weight, 0);
  return scaled.map((e) => ({ ...e, weight: e.weight * rescale }));
}

/** The synonym table towards the words these examples use. */
export function synonymsFor(examples: readonly EncodedExample[], options?: JobOptions): Map<string, string[]> {
  if (options?.synonyms === false) return new Map();
  return synonymTable(new Set(examples.flatMap((e) => e.features.filter(isWord))));
}

function trainClassifier(examples: readonly EncodedExample[], options: JobOptions): IntentClassifier {
  return IntentClassifier.train(balanceLabels(examples, options.labelBalance), options.training);
}

/**
 * A held-out example whose label its fold never trained on (a label with a single example) is
 * skipped: the final model knows every label, so that sure miss says nothing about it and would
 * only push the threshold up.
 */
function foldGuesses(train: readonly EncodedExample[], test: readonly EncodedExample[], options: JobOptions): HeldOutGuess[] {
  const classifier = trainClassifier(train, options);
  const trained = new Set(classifier.labels);
  const synonyms = synonymsFor(train, options);
  return test
    .filter((e) => trained.has(e.label))
    .map((example) => {
      const best = classifier.predict(withSynonyms(example.features, synonyms), 1)[0]!;
      return { score: best.score, gold: example.label, guess: best.label };
    });
}

export function runTrainingJob(job: TrainingJob): TrainingResult {
  if (job.kind === 'fold') return { guesses: foldGuesses(job.train, job.test, job.options) };
  return { model: trainClassifier(job.train, job.options).toJSON(), synonyms: [...synonymsFor(job.train, job.options)] };
}

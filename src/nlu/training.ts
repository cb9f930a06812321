/**
 * Training the understanding pipeline: texts → features, the confidence threshold calibrated by
 * cross-validation, then the final classifier; the folds and the final model train at once on
 * worker threads when the training set is large enough for that to pay (trainingPool.ts).
 */
import { evidenceWords } from './languages/detect';
import { DEFAULT_TRAINING, type TrainingOptions } from './classifier';
import { EntityRecognizer, namesOf, type NamedThing } from './entities';
import { features } from './features';
import { english, type LanguageModule } from './languages';
import { SpellingCorrector } from './spelling';
import { tokenize } from './text';
import type { EncodedExample, HeldOutGuess, JobOptions, TrainingJob } from './trainingJobs';
import { runTrainingJobs } from './trainingPool';
import { correctSpelling, NONE, spellingFor, vocabularyOf, type LabelledText, type UnderstandingModel } from './understanding';

export interface UnderstandingOptions {
  readonly training: TrainingOptions;
  /** Folds used to calibrate the threshold by cross-validation. */
  readonly folds: number;
  /**
   * Held-out examples enough to place the threshold: a large training set calibrates on as few of
   * its folds as give this many, rather than training once per fold.
   */
  readonly calibrationExamples: number;
  /** Lowest threshold allowed, so that a guess among many labels is never trusted blindly. */
  readonly minThreshold: number;
  readonly maxThreshold: number;
  /** What a confident wrong answer costs, against 1 for a right one and 0 for "I don't know". */
  readonly wrongAnswerCost: number;
  /**
   * How far training evens out the labels' total example weights: 0 leaves them as they are,
   * 1 makes every label weigh the same; see balanceLabels.
   */
  readonly labelBalance: number;
}

export const DEFAULT_UNDERSTANDING: UnderstandingOptions = {
  training: DEFAULT_TRAINING,
  folds: 4,
  calibrationExamples: 5000,
  minThreshold: 0.2,
  maxThreshold: 0.6,
  wrongAnswerCost: 0.5,
  labelBalance: 0.5,
};

function featuresOf(examples: readonly LabelledText[], recognizer: EntityRecognizer, speller: SpellingCorrector, language: LanguageModule): EncodedExample[] {
  return examples.map((example) => {
    const { tokens } = correctSpelling(tokenize(example.text, language), speller);
    return { features: features(tokens, recognizer.recognize(tokens), language), label: example.label, weight: example.weight ?? 1 };
  });
}

/**
 * Fold numbers dealt label by label (examples sorted by label, then round-robin), so that each
 * label's examples spread over all folds and a label with a few examples still trains every fold.
 */
export function stratifiedFolds(labels: readonly string[], folds: number): number[] {
  const order = labels.map((_, i) => i).sort((a, b) => (labels[a]! < labels[b]! ? -1 : labels[a]! > labels[b]! ? 1 : a - b));
  const foldOf = new Array<number>(labels.length);
  order.forEach((index, k) => (foldOf[index] = k % folds));
  return foldOf;
}

/**
 * The calibration jobs: for each fold, train on the others (and on every lighter example) and
 * guess its full-weight examples. A large set uses only as many folds as give calibrationExamples.
 */
function foldJobs(encoded: readonly EncodedExample[], options: UnderstandingOptions, jobOptions: JobOptions): TrainingJob[] {
  const foldOf = stratifiedFolds(encoded.map((e) => e.label), options.folds);
  const heldOut = encoded.filter((e) => e.weight >= 1).length;
  const folds = Math.min(options.folds, Math.ceil((options.calibrationExamples * options.folds) / Math.max(1, heldOut)));
  const jobs: TrainingJob[] = [];
  for (let fold = 0; fold < folds; fold++) {
    const train = encoded.filter((e, i) => foldOf[i] !== fold || e.weight < 1);
    const test = encoded.filter((e, i) => foldOf[i] === fold && e.weight >= 1);
    if (test.length === 0 || new Set(train.map((e) => e.label)).size < 2) continue;
    jobs.push({ kind: 'fold', train, test, options: jobOptions });
  }
  return jobs;
}

/** 1 for a right answer, minus the cost for a wrong one, 0 for None that is not right. */
function utility(guess: HeldOutGuess, threshold: number, wrongAnswerCost: number): number {
  const answer = guess.score >= threshold ? guess.guess : NONE;
  return answer === guess.gold ? 1 : answer === NONE ? 0 : -wrongAnswerCost;
}

/**
 * Picks the confidence threshold by cross-validation: guesses below it become None. The threshold
 * that maximises the utility over the held-out guesses is found, then the lowest one whose utility
 * is within one standard error of it wins (the one-standard-error rule): with a few dozen held-out
 * guesses the best threshold is mostly noise, and each step above the floor turns right answers
 * into None, so the threshold only rises as far as the evidence clearly asks.
 */
function calibrate(guesses: readonly HeldOutGuess[], options: UnderstandingOptions): number {
  const candidates: number[] = [];
  for (let t = options.minThreshold; t <= options.maxThreshold + 1e-9; t += 0.01) candidates.push(Math.round(t * 100) / 100);
  const utilities = candidates.map((t) => guesses.map((g) => utility(g, t, options.wrongAnswerCost)));
  const totals = utilities.map((u) => u.reduce((a, b) => a + b, 0));
  const best = totals.indexOf(Math.max(...totals));
  const withinOneError = candidates.findIndex((_, i) => i <= best && totals[best]! - totals[i]! <= standardErrorOfSum(utilities[best]!, utilities[i]!));
  return candidates[withinOneError]!;
}

/** Standard error of the sum of the paired differences a − b. */
function standardErrorOfSum(a: readonly number[], b: readonly number[]): number {
  if (a.length < 2) return 0;
  const d = a.map((x, i) => x - b[i]!);
  const mean = d.reduce((sum, x) => sum + x, 0) / d.length;
  const variance = d.reduce((sum, x) => sum + (x - mean) ** 2, 0) / (d.length - 1);
  return Math.sqrt(variance * d.length);
}

/**
 * Below this many examples a training takes less time than starting a worker thread, so all of a
 * build's trainings run in-process.
 */
const PARALLEL_MIN_EXAMPLES = 1000;

/** Trains the whole pipeline from labelled texts and the entities to recognise. */
export async function trainUnderstanding(
  examples: readonly LabelledText[],
  entities: readonly NamedThing[],
  extraVocabulary: readonly string[] = [],
  options: UnderstandingOptions = DEFAULT_UNDERSTANDING,
  language: LanguageModule = english,
): Promise<UnderstandingModel> {
  const names = entities.flatMap(namesOf);
  const vocabulary = vocabularyOf([...examples.map((e) => e.text), ...names, ...extraVocabulary], language);
  const speller = new SpellingCorrector(vocabulary, spellingFor(language));
  const encoded = featuresOf(examples, new EntityRecognizer(entities, language), speller, language);
  const jobOptions: JobOptions = { training: options.training, labelBalance: options.labelBalance, synonyms: language.synonyms };
  // The final model first: it is the longest job, so the folds fill the other threads meanwhile.
  const jobs: TrainingJob[] = [{ kind: 'final', train: encoded, options: jobOptions }, ...foldJobs(encoded, options, jobOptions)];
  const [final, ...folds] = await runTrainingJobs(jobs, { parallel: encoded.length >= PARALLEL_MIN_EXAMPLES });
  const threshold = calibrate(folds.flatMap((fold) => fold.guesses ?? []), options);
  const evidence = evidenceWords(examples.map((e) => e.text), names);
  return { classifier: final!.model!, vocabulary: [...vocabulary.entries()], threshold, synonyms: final!.synonyms!, evidence };
}

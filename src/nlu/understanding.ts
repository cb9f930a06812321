/**
 * The understanding pipeline, in named linear stages:
 * tokenise → correct spelling → recognise entities → features → classify → apply the threshold.
 * Trained from labelled texts; the same code serves the bot and the NLU benchmark.
 */
import { DEFAULT_TRAINING, IntentClassifier, type ClassifierModel, type Prediction, type TrainingOptions } from './classifier';
import { EntityRecognizer, type EntityMatch, type NamedThing } from './entities';
import { features, isWord } from './features';
import { looksForeign } from './language';
import { SpellingCorrector } from './spelling';
import { synonymTable, withSynonyms } from './synonyms';
import { tokenize, type Token } from './text';

/** The label of "not something I can answer". */
export const NONE = 'None';

/** Labels an analysis ranks: the best guess and the runners-up a reply may offer instead. */
const RANKING_SIZE = 5;

export interface LabelledText {
  readonly text: string;
  readonly label: string;
  readonly weight?: number;
}

export interface UnderstandingModel {
  readonly classifier: ClassifierModel;
  /** Words the training texts and entity names use, with counts: the spelling corrector's dictionary. */
  readonly vocabulary: readonly (readonly [string, number])[];
  /** Below this confidence the best guess is not trusted and the result is None. */
  readonly threshold: number;
  /** Word stems the training texts never used → training stems that share a sense with them. */
  readonly synonyms?: readonly (readonly [string, readonly string[]])[];
}

export interface Correction {
  readonly from: string;
  readonly to: string;
}

export interface Analysis {
  readonly text: string;
  readonly tokens: readonly Token[];
  readonly corrections: readonly Correction[];
  readonly entities: readonly EntityMatch[];
  readonly features: readonly string[];
  /** The best labels (up to RANKING_SIZE), best first, with calibrated scores. */
  readonly ranking: readonly Prediction[];
  /** The accepted label: the best guess, or None when it is below the threshold. */
  readonly intent: string;
  readonly score: number;
  /** Share of the words that are neither the knowledge base's nor English (another language, gibberish). */
  readonly unknownShare: number;
  /** The message seems written in another language. */
  readonly foreign: boolean;
}

function vocabularyOf(texts: Iterable<string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const text of texts) {
    for (const token of tokenize(text)) counts.set(token.norm, (counts.get(token.norm) ?? 0) + 1);
  }
  return counts;
}

export class Understanding {
  private readonly classifier: IntentClassifier;
  private readonly speller: SpellingCorrector;
  private readonly recognizer: EntityRecognizer;
  private readonly synonyms: ReadonlyMap<string, readonly string[]>;

  constructor(
    private readonly model: UnderstandingModel,
    entities: readonly NamedThing[],
  ) {
    this.classifier = IntentClassifier.load(model.classifier);
    this.speller = new SpellingCorrector(new Map(model.vocabulary));
    this.recognizer = new EntityRecognizer(entities);
    this.synonyms = new Map(model.synonyms ?? []);
  }

  get threshold(): number {
    return this.model.threshold;
  }

  get labels(): readonly string[] {
    return this.classifier.labels;
  }

  /** Tokens with their spelling corrected (surface forms follow the correction). */
  correct(tokens: readonly Token[]): { tokens: Token[]; corrections: Correction[] } {
    const corrections: Correction[] = [];
    const corrected = tokens.map((token) => {
      const to = this.speller.correct(token.norm);
      if (to === token.norm) return token;
      corrections.push({ from: token.norm, to });
      return { surface: to, norm: to };
    });
    return { tokens: corrected, corrections };
  }

  recognize(tokens: readonly Token[]): EntityMatch[] {
    return this.recognizer.recognize(tokens);
  }

  analyse(text: string): Analysis {
    const written = tokenize(text);
    const { tokens, corrections } = this.correct(written);
    const entities = this.recognizer.recognize(tokens);
    const featureList = withSynonyms(features(tokens, entities), this.synonyms);
    const ranking = this.classifier.predict(featureList, RANKING_SIZE);
    const best = ranking[0] ?? { label: NONE, score: 0 };
    // Nothing the classifier has seen: its guess would be the label prior alone.
    const evidence = featureList.some((f) => this.classifier.knows(f));
    const foreign = looksForeign(written.map((t) => t.norm));
    // The classifier learnt from English: in another language, shared letter trigrams and names would pass for evidence.
    const intent = evidence && !foreign && best.score >= this.model.threshold ? best.label : NONE;
    const wordTokens = tokens.filter((t) => /^\p{L}+$/u.test(t.norm));
    const unknown = wordTokens.filter((t) => !this.speller.isKnown(t.norm)).length;
    const unknownShare = wordTokens.length ? unknown / wordTokens.length : 0;
    return { text, tokens, corrections, entities, features: featureList, ranking, intent, score: best.score, unknownShare, foreign };
  }
}

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

function featuresOf(examples: readonly LabelledText[], recognizer: EntityRecognizer, speller: SpellingCorrector) {
  return examples.map((example) => {
    const tokens = tokenize(example.text).map((token) => {
      const to = speller.correct(token.norm);
      return to === token.norm ? token : { surface: to, norm: to };
    });
    return { features: features(tokens, recognizer.recognize(tokens)), label: example.label, weight: example.weight ?? 1 };
  });
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
function synonymsFor(examples: ReturnType<typeof featuresOf>): Map<string, string[]> {
  return synonymTable(new Set(examples.flatMap((e) => e.features.filter(isWord))));
}

function trainClassifier(examples: ReturnType<typeof featuresOf>, options: UnderstandingOptions): IntentClassifier {
  return IntentClassifier.train(balanceLabels(examples, options.labelBalance), options.training);
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

interface HeldOutGuess {
  readonly score: number;
  readonly gold: string;
  readonly guess: string;
}

/**
 * Best guesses of cross-validation on the full-weight examples. A held-out example whose label its
 * fold never trained on (a label with a single example) is skipped: the final model knows every
 * label, so that sure miss says nothing about it and would only push the threshold up.
 */
function heldOutGuesses(encoded: ReturnType<typeof featuresOf>, options: UnderstandingOptions): HeldOutGuess[] {
  const guesses: HeldOutGuess[] = [];
  const foldOf = stratifiedFolds(encoded.map((e) => e.label), options.folds);
  const heldOut = encoded.filter((e) => e.weight >= 1).length;
  const folds = Math.min(options.folds, Math.ceil((options.calibrationExamples * options.folds) / Math.max(1, heldOut)));
  for (let fold = 0; fold < folds; fold++) {
    const train = encoded.filter((e, i) => foldOf[i] !== fold || e.weight < 1);
    const test = encoded.filter((e, i) => foldOf[i] === fold && e.weight >= 1);
    if (test.length === 0 || new Set(train.map((e) => e.label)).size < 2) continue;
    const classifier = trainClassifier(train, options);
    const trained = new Set(classifier.labels);
    const synonyms = synonymsFor(train);
    for (const example of test.filter((e) => trained.has(e.label))) {
      const best = classifier.predict(withSynonyms(example.features, synonyms), 1)[0]!;
      guesses.push({ score: best.score, gold: example.label, guess: best.label });
    }
  }
  return guesses;
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
function calibrate(encoded: ReturnType<typeof featuresOf>, options: UnderstandingOptions): number {
  const guesses = heldOutGuesses(encoded, options);
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

/** Trains the whole pipeline from labelled texts and the entities to recognise. */
export function trainUnderstanding(
  examples: readonly LabelledText[],
  entities: readonly NamedThing[],
  extraVocabulary: readonly string[] = [],
  options: UnderstandingOptions = DEFAULT_UNDERSTANDING,
): UnderstandingModel {
  const names = entities.flatMap((e) => [e.name, ...(e.aliases ?? [])]);
  const vocabulary = vocabularyOf([...examples.map((e) => e.text), ...names, ...extraVocabulary]);
  const speller = new SpellingCorrector(vocabulary);
  const encoded = featuresOf(examples, new EntityRecognizer(entities), speller);
  const threshold = calibrate(encoded, options);
  const classifier = trainClassifier(encoded, options);
  const synonyms = [...synonymsFor(encoded)];
  return { classifier: classifier.toJSON(), vocabulary: [...vocabulary.entries()], threshold, synonyms };
}

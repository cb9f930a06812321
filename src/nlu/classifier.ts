/**
 * A multinomial logistic-regression (softmax) intent classifier over sparse binary features,
 * trained with AdaGrad. Deterministic: the same examples give the same model.
 * natural's own LogisticRegressionClassifier is one-vs-rest over dense vectors: slower to train and
 * less accurate on the public NLU corpora (see `npm run bench:nlu`).
 */
import { seededRandom, shuffle } from './random';

export interface TrainingExample {
  readonly features: readonly string[];
  readonly label: string;
  /** How much the example counts (document sentences count less than curated questions). */
  readonly weight?: number;
}

export interface Prediction {
  readonly label: string;
  readonly score: number;
}

export interface TrainingOptions {
  /** Passes over the examples, at most. */
  readonly epochs: number;
  /** Passes over the examples, at least, however many there are. */
  readonly minEpochs: number;
  /**
   * Example updates a training may make in all (epochs × runs × examples): a small set gets every
   * epoch and every run, a large one fewer passes, each of which already sees many examples.
   */
  readonly updates: number;
  readonly learningRate: number;
  /**
   * Strength of a Gaussian prior on the weights (L2), for the whole training set: each example's
   * share is prior / total weight. A handful of examples is thus regularised hard (no single word
   * becomes decisive), while a large set is left to its data.
   */
  readonly prior: number;
  /**
   * Trainings, each on its own shuffle of the examples, whose weights are averaged: stochastic
   * training stops at a slightly different point for each order, and the average is steadier.
   */
  readonly runs: number;
  /**
   * Up to this many labels, every example moves every label's weights (the exact gradient). Beyond,
   * an example moves the weights of its own label and of the labels it gives a real share of
   * probability (minShare), those it could be confused with: the model then holds weights only where
   * labels compete, and training grows with the examples rather than with examples × labels.
   */
  readonly denseLabels: number;
  /** Beyond denseLabels, the least probability that makes a label compete (besides an even share). */
  readonly minShare: number;
  readonly seed: number;
}

export const DEFAULT_TRAINING: TrainingOptions = {
  epochs: 40,
  minEpochs: 6,
  updates: 200_000,
  learningRate: 0.5,
  prior: 0.02,
  runs: 3,
  denseLabels: 64,
  minShare: 0.02,
  seed: 7,
};

/** The serialised form, stored in the model file. */
export interface ClassifierModel {
  readonly labels: readonly string[];
  readonly features: readonly string[];
  /**
   * Per feature, its weights, rounded: one per label when most are non-zero, otherwise the non-zero
   * ones as [label index, weight, label index, weight, …] (always shorter than the label count).
   */
  readonly rows: readonly (readonly number[])[];
  readonly bias: readonly number[];
}

/**
 * Where each (feature, label) weight lives: one row per feature, holding either every label (dense:
 * few labels) or the labels that feature has weights for (sparse).
 */
class RowLayout {
  private constructor(
    readonly start: Int32Array,
    /** Sparse rows' labels; undefined when rows are dense. */
    readonly labels: Int32Array | undefined,
  ) {}

  static dense(featureCount: number, labelCount: number): RowLayout {
    return new RowLayout(Int32Array.from({ length: featureCount + 1 }, (_, row) => row * labelCount), undefined);
  }

  /** Rows from each feature's labels. */
  static sparse(rowLabels: readonly ArrayLike<number>[]): RowLayout {
    const start = new Int32Array(rowLabels.length + 1);
    rowLabels.forEach((labels, row) => (start[row + 1] = start[row]! + labels.length));
    const labels = new Int32Array(start[rowLabels.length]!);
    rowLabels.forEach((row, i) => labels.set(row, start[i]!));
    return new RowLayout(start, labels);
  }

  get size(): number {
    return this.start[this.start.length - 1]!;
  }

  labelAt(slot: number, row: number): number {
    return this.labels ? this.labels[slot]! : slot - this.start[row]!;
  }
}

export class IntentClassifier {
  private readonly rows: ReadonlyMap<string, number>;

  private constructor(
    readonly labels: readonly string[],
    private readonly featureNames: readonly string[],
    private readonly layout: RowLayout,
    private readonly weights: Float64Array,
    private readonly bias: Float64Array,
  ) {
    this.rows = new Map(featureNames.map((name, row) => [name, row]));
  }

  static train(examples: readonly TrainingExample[], options: TrainingOptions = DEFAULT_TRAINING): IntentClassifier {
    const labels = [...new Set(examples.map((e) => e.label))].sort();
    if (labels.length === 0) throw new Error('cannot train a classifier without examples');
    const labelIndex = new Map(labels.map((label, i) => [label, i]));
    const featureIndex = new Map<string, number>();
    const encoded: Encoded[] = examples.map((example) => ({
      rows: [...new Set(example.features)].map((name) => {
        let row = featureIndex.get(name);
        if (row === undefined) featureIndex.set(name, (row = featureIndex.size));
        return row;
      }),
      label: labelIndex.get(example.label)!,
      weight: example.weight ?? 1,
    }));
    const k = labels.length;
    const { epochs, runs } = schedule(options, encoded.length);
    const settings = { ...options, epochs };
    const bias = new Float64Array(k);
    let layout: RowLayout;
    let weights: Float64Array;
    if (k <= options.denseLabels) {
      layout = RowLayout.dense(featureIndex.size, k);
      weights = new Float64Array(layout.size);
      for (let run = 0; run < runs; run++) {
        const table = new DenseWeights(featureIndex.size, k);
        const fittedBias = fit(encoded, k, settings, options.seed + run, table);
        for (let i = 0; i < weights.length; i++) weights[i]! += table.weights[i]! / runs;
        for (let c = 0; c < k; c++) bias[c]! += fittedBias[c]! / runs;
      }
    } else {
      const sums = Array.from({ length: featureIndex.size }, () => new Map<number, number>());
      for (let run = 0; run < runs; run++) {
        const table = new SparseWeights(featureIndex.size, Math.max(1 / k, options.minShare));
        const fittedBias = fit(encoded, k, settings, options.seed + run, table);
        table.rows.forEach((row, r) => {
          for (let i = 0; i < row.size; i++) sums[r]!.set(row.labels[i]!, (sums[r]!.get(row.labels[i]!) ?? 0) + row.weights[i]! / runs);
        });
        for (let c = 0; c < k; c++) bias[c]! += fittedBias[c]! / runs;
      }
      const sorted = sums.map((row) => [...row.keys()].sort((a, b) => a - b));
      layout = RowLayout.sparse(sorted);
      weights = Float64Array.from(sorted.flatMap((labels, r) => labels.map((label) => sums[r]!.get(label)!)));
    }
    return new IntentClassifier(labels, [...featureIndex.keys()], layout, weights, bias);
  }

  static load(model: ClassifierModel): IntentClassifier {
    const k = model.labels.length;
    if (model.rows.length !== model.features.length || model.bias.length !== k) {
      throw new Error('the classifier model is inconsistent: its weight rows do not match its labels and features');
    }
    const rowLabels: number[][] = [];
    const weights: number[] = [];
    for (const row of model.rows) {
      const pairs = row.length === k ? row.flatMap((weight, label) => [label, weight]) : row;
      const labels: number[] = [];
      for (let i = 0; i + 1 < pairs.length; i += 2) {
        if (!Number.isInteger(pairs[i]) || pairs[i]! < 0 || pairs[i]! >= k) {
          throw new Error('the classifier model is inconsistent: a weight row names a label it does not have');
        }
        labels.push(pairs[i]!);
        weights.push(pairs[i + 1]!);
      }
      rowLabels.push(labels);
    }
    return new IntentClassifier(model.labels, model.features, RowLayout.sparse(rowLabels), Float64Array.from(weights), Float64Array.from(model.bias));
  }

  /** Rounded; rows with few non-zero weights as pairs (see ClassifierModel.rows). */
  toJSON(): ClassifierModel {
    const round = (x: number) => Math.round(x * 1e4) / 1e4;
    const k = this.labels.length;
    const rows = this.featureNames.map((_, row) => {
      const pairs: number[] = [];
      for (let slot = this.layout.start[row]!; slot < this.layout.start[row + 1]!; slot++) {
        const weight = round(this.weights[slot]!);
        if (weight !== 0) pairs.push(this.layout.labelAt(slot, row), weight);
      }
      if (pairs.length < k) return pairs;
      const dense = new Array<number>(k).fill(0);
      for (let i = 0; i < pairs.length; i += 2) dense[pairs[i]!] = pairs[i + 1]!;
      return dense;
    });
    return { labels: this.labels, features: this.featureNames, rows, bias: Array.from(this.bias, round) };
  }

  /** Whether any of these features was seen in training. */
  knows(feature: string): boolean {
    return this.rows.has(feature);
  }

  /** The `limit` most likely labels with their probabilities, best first (all of them by default). */
  predict(features: readonly string[], limit = Infinity): Prediction[] {
    const rows: number[] = [];
    for (const name of new Set(features)) {
      const row = this.rows.get(name);
      if (row !== undefined) rows.push(row);
    }
    const scores = Float64Array.from(this.bias);
    const value = rows.length ? 1 / Math.sqrt(features.length) : 0;
    const { start } = this.layout;
    for (const row of rows) {
      for (let slot = start[row]!; slot < start[row + 1]!; slot++) scores[this.layout.labelAt(slot, row)]! += this.weights[slot]! * value;
    }
    normalise(scores);
    return topLabels(scores, limit).map((c) => ({ label: this.labels[c]!, score: scores[c]! }));
  }
}

/** Label indices by descending score, ties by index; only the best `limit` are sorted. */
function topLabels(scores: Float64Array, limit: number): number[] {
  const better = (a: number, b: number) => scores[b]! - scores[a]! || a - b;
  if (limit >= scores.length) return Array.from(scores, (_, c) => c).sort(better);
  const top: number[] = [];
  for (let c = 0; c < scores.length; c++) {
    if (top.length === limit && better(c, top[limit - 1]!) >= 0) continue;
    let at = Math.min(top.length, limit - 1);
    while (at > 0 && better(c, top[at - 1]!) < 0) at--;
    top.splice(at, top.length === limit ? 1 : 0, c);
    if (top.length > limit) top.length = limit;
  }
  return top;
}

interface Encoded {
  readonly rows: readonly number[];
  readonly label: number;
  readonly weight: number;
}

/** Epochs and runs within the update budget (see TrainingOptions.updates). */
export function schedule(options: TrainingOptions, exampleCount: number): { epochs: number; runs: number } {
  const passes = Math.max(options.minEpochs, Math.ceil(options.updates / Math.max(1, exampleCount)));
  const runs = Math.min(options.runs, Math.max(1, Math.floor(passes / options.minEpochs)));
  const epochs = Math.min(options.epochs, Math.max(options.minEpochs, Math.floor(passes / runs)));
  return { epochs, runs };
}

/** AdaGrad state: accumulated squared gradients start just above zero. */
function adagradStep(weights: Float64Array, squared: Float64Array, at: number, gradient: number, rate: number): void {
  squared[at]! += gradient * gradient;
  weights[at]! -= (rate * gradient) / Math.sqrt(squared[at]!);
}

const l2Of = (encoded: readonly Encoded[], options: TrainingOptions) => {
  const totalWeight = encoded.reduce((sum, e) => sum + e.weight, 0);
  return totalWeight > 0 ? options.prior / totalWeight : 0;
};

/** Where a training run keeps the feature weights, and which labels' weights an example moves. */
interface WeightTable {
  /**
   * Labels at or below this probability keep their weights for an example that is not theirs
   * (their bias still moves); -Infinity: every label's weights move.
   */
  readonly competing: number;
  /** Adds each label's weighted features to its score. */
  addScores(rows: readonly number[], value: number, scores: Float64Array): void;
  /** One AdaGrad step on the label's weight for each of these features. */
  update(rows: readonly number[], label: number, gradient: number, value: number, l2: number, rate: number): void;
}

/** Every label's weight for every feature: the exact gradient, for few labels. */
class DenseWeights implements WeightTable {
  readonly competing = -Infinity;
  readonly weights: Float64Array;
  private readonly squared: Float64Array;

  constructor(
    featureCount: number,
    private readonly labelCount: number,
  ) {
    this.weights = new Float64Array(featureCount * labelCount);
    this.squared = new Float64Array(this.weights.length).fill(1e-8);
  }

  addScores(rows: readonly number[], value: number, scores: Float64Array): void {
    const k = this.labelCount;
    for (const row of rows) for (let c = 0; c < k; c++) scores[c]! += this.weights[row * k + c]! * value;
  }

  update(rows: readonly number[], label: number, gradient: number, value: number, l2: number, rate: number): void {
    for (const row of rows) {
      const at = row * this.labelCount + label;
      adagradStep(this.weights, this.squared, at, gradient * value + l2 * this.weights[at]!, rate);
    }
  }
}

/** One feature's weights for the labels it has met, stored contiguously so that scoring reads them in order. */
class SparseRow {
  labels = new Int32Array(4);
  weights = new Float64Array(4);
  squared = new Float64Array(4);
  size = 0;
  private readonly index = new Map<number, number>();

  /** Where this label's weight is, added on first use. */
  at(label: number): number {
    let i = this.index.get(label);
    if (i !== undefined) return i;
    if (this.size === this.labels.length) this.grow();
    i = this.size++;
    this.labels[i] = label;
    this.squared[i] = 1e-8;
    this.index.set(label, i);
    return i;
  }

  private grow(): void {
    const capacity = 2 * this.labels.length;
    const labels = new Int32Array(capacity);
    labels.set(this.labels);
    const weights = new Float64Array(capacity);
    weights.set(this.weights);
    const squared = new Float64Array(capacity);
    squared.set(this.squared);
    Object.assign(this, { labels, weights, squared });
  }
}

/**
 * Weights only where labels compete, for many labels: a label's weights move only for examples of
 * its own or that give it a real share of probability (see denseLabels).
 */
class SparseWeights implements WeightTable {
  readonly rows: SparseRow[];

  constructor(
    featureCount: number,
    readonly competing: number,
  ) {
    this.rows = Array.from({ length: featureCount }, () => new SparseRow());
  }

  addScores(rows: readonly number[], value: number, scores: Float64Array): void {
    for (const r of rows) {
      const { labels, weights, size } = this.rows[r]!;
      for (let i = 0; i < size; i++) scores[labels[i]!]! += weights[i]! * value;
    }
  }

  update(rows: readonly number[], label: number, gradient: number, value: number, l2: number, rate: number): void {
    for (const r of rows) {
      const row = this.rows[r]!;
      const at = row.at(label);
      adagradStep(row.weights, row.squared, at, gradient * value + l2 * row.weights[at]!, rate);
    }
  }
}

/**
 * One training run: AdaGrad over the examples in an order shuffled with this seed. Every label's
 * bias moves on every example, so labels rarely confused with anything keep their right prior;
 * the table decides whose weights move. Returns the biases; the weights are in the table.
 */
function fit(encoded: readonly Encoded[], k: number, options: TrainingOptions, seed: number, table: WeightTable): Float64Array {
  const bias = new Float64Array(k);
  const squaredB = new Float64Array(k).fill(1e-8);
  const probabilities = new Float64Array(k);
  const next = seededRandom(seed);
  const order = encoded.map((_, i) => i);
  const l2 = l2Of(encoded, options);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    shuffle(order, next);
    for (const index of order) {
      const example = encoded[index]!;
      if (example.rows.length === 0) continue;
      const value = 1 / Math.sqrt(example.rows.length);
      probabilities.set(bias);
      table.addScores(example.rows, value, probabilities);
      normalise(probabilities);
      for (let c = 0; c < k; c++) {
        const own = c === example.label;
        const gradient = (probabilities[c]! - (own ? 1 : 0)) * example.weight;
        adagradStep(bias, squaredB, c, gradient, options.learningRate);
        if (!own && probabilities[c]! <= table.competing) continue;
        table.update(example.rows, c, gradient, value, l2, options.learningRate);
      }
    }
  }
  return bias;
}

/** Scores to probabilities, in place. */
function normalise(scores: Float64Array): void {
  let max = -Infinity;
  for (const score of scores) if (score > max) max = score;
  let total = 0;
  for (let c = 0; c < scores.length; c++) total += scores[c] = Math.exp(scores[c]! - max);
  for (let c = 0; c < scores.length; c++) scores[c]! /= total;
}

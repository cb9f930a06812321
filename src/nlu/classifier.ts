/**
 * A multinomial logistic-regression (softmax) intent classifier over sparse binary features,
 * trained with AdaGrad. Deterministic: the same examples give the same model.
 * natural's own LogisticRegressionClassifier is one-vs-rest over dense vectors: slower to train and
 * less accurate on the public NLU corpora (see `npm run bench:nlu`).
 */

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
  readonly epochs: number;
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
  readonly seed: number;
}

export const DEFAULT_TRAINING: TrainingOptions = { epochs: 40, learningRate: 0.5, prior: 0.02, runs: 3, seed: 7 };

/** The serialised form, stored in the model file. */
export interface ClassifierModel {
  readonly labels: readonly string[];
  readonly features: readonly string[];
  /** features.length × labels.length weights, row-major, rounded. */
  readonly weights: readonly number[];
  readonly bias: readonly number[];
}

/** A small seeded generator (mulberry32), so training order is shuffled the same way every build. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class IntentClassifier {
  private readonly labelCount: number;
  private readonly rows: ReadonlyMap<string, number>;

  private constructor(
    readonly labels: readonly string[],
    private readonly featureNames: readonly string[],
    private readonly weights: Float64Array,
    private readonly bias: Float64Array,
  ) {
    this.labelCount = labels.length;
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
    const weights = new Float64Array(featureIndex.size * k);
    const bias = new Float64Array(k);
    const runs = Math.max(1, options.runs);
    for (let run = 0; run < runs; run++) {
      const fitted = fit(encoded, featureIndex.size, k, options, options.seed + run);
      for (let i = 0; i < weights.length; i++) weights[i]! += fitted.weights[i]! / runs;
      for (let c = 0; c < k; c++) bias[c]! += fitted.bias[c]! / runs;
    }
    return new IntentClassifier(labels, [...featureIndex.keys()], weights, bias);
  }

  static load(model: ClassifierModel): IntentClassifier {
    if (model.weights.length !== model.features.length * model.labels.length || model.bias.length !== model.labels.length) {
      throw new Error('the classifier model is inconsistent: its weight table does not match its labels and features');
    }
    return new IntentClassifier(model.labels, model.features, Float64Array.from(model.weights), Float64Array.from(model.bias));
  }

  toJSON(): ClassifierModel {
    const round = (x: number) => Math.round(x * 1e4) / 1e4;
    return { labels: this.labels, features: this.featureNames, weights: Array.from(this.weights, round), bias: Array.from(this.bias, round) };
  }

  /** Whether any of these features was seen in training. */
  knows(feature: string): boolean {
    return this.rows.has(feature);
  }

  /** Labels with probabilities, best first. */
  predict(features: readonly string[]): Prediction[] {
    const rows: number[] = [];
    for (const name of new Set(features)) {
      const row = this.rows.get(name);
      if (row !== undefined) rows.push(row);
    }
    const probabilities = new Float64Array(this.labelCount);
    softmaxInto(probabilities, this.weights, this.bias, rows, rows.length ? 1 / Math.sqrt(features.length) : 0, this.labelCount);
    return this.labels
      .map((label, i) => ({ label, score: probabilities[i]! }))
      .sort((a, b) => b.score - a.score);
  }
}

interface Encoded {
  readonly rows: readonly number[];
  readonly label: number;
  readonly weight: number;
}

/** One training run: AdaGrad over the examples in an order shuffled with this seed. */
function fit(encoded: readonly Encoded[], featureCount: number, k: number, options: TrainingOptions, seed: number) {
  const weights = new Float64Array(featureCount * k);
  const bias = new Float64Array(k);
  const squaredW = new Float64Array(weights.length).fill(1e-8);
  const squaredB = new Float64Array(k).fill(1e-8);
  const probabilities = new Float64Array(k);
  const next = random(seed);
  const order = encoded.map((_, i) => i);
  const totalWeight = encoded.reduce((sum, e) => sum + e.weight, 0);
  const l2 = totalWeight > 0 ? options.prior / totalWeight : 0;

  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const index of order) {
      const example = encoded[index]!;
      if (example.rows.length === 0) continue;
      const value = 1 / Math.sqrt(example.rows.length);
      softmaxInto(probabilities, weights, bias, example.rows, value, k);
      for (let c = 0; c < k; c++) {
        const gradient = (probabilities[c]! - (c === example.label ? 1 : 0)) * example.weight;
        squaredB[c]! += gradient * gradient;
        bias[c]! -= (options.learningRate * gradient) / Math.sqrt(squaredB[c]!);
        for (const row of example.rows) {
          const at = row * k + c;
          const g = gradient * value + l2 * weights[at]!;
          squaredW[at]! += g * g;
          weights[at]! -= (options.learningRate * g) / Math.sqrt(squaredW[at]!);
        }
      }
    }
  }
  return { weights, bias };
}

function softmaxInto(out: Float64Array, weights: Float64Array, bias: Float64Array, rows: readonly number[], value: number, k: number): void {
  let max = -Infinity;
  for (let c = 0; c < k; c++) {
    let sum = bias[c]!;
    for (const row of rows) sum += weights[row * k + c]! * value;
    out[c] = sum;
    if (sum > max) max = sum;
  }
  let total = 0;
  for (let c = 0; c < k; c++) total += out[c] = Math.exp(out[c]! - max);
  for (let c = 0; c < k; c++) out[c]! /= total;
}

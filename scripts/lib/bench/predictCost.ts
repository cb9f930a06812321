/**
 * What one classification costs with many labels, when no model of that size can be built: a
 * classifier trained in one pass on synthetic examples over the real questions' features, with the
 * label count of a bigger knowledge base. The weights are meaningless; the work per prediction
 * (softmax over every label, then sorting them all) is what a real model of that width does.
 */
import { DEFAULT_TRAINING, IntentClassifier } from '../../../src/nlu/classifier';
import { latencyOf, msSince, now, type Latency } from './stats';

const FEATURES_PER_EXAMPLE = 6;

export function predictCost(featureLists: readonly (readonly string[])[], labels: number, rounds = 3): Latency {
  const vocabulary = [...new Set(featureLists.flat())];
  const examples = Array.from({ length: labels }, (_, j) => ({
    label: `l${j}`,
    features: Array.from({ length: FEATURES_PER_EXAMPLE }, (_, k) => vocabulary[(j * 7 + k * 13) % vocabulary.length]!),
  }));
  const classifier = IntentClassifier.train(examples, { ...DEFAULT_TRAINING, epochs: 1 });
  const durations: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const features of featureLists) {
      const start = now();
      classifier.predict(features);
      durations.push(msSince(start));
    }
  }
  return latencyOf(durations);
}

import { DEFAULT_TRAINING, IntentClassifier, schedule, type TrainingExample } from '../../src/nlu/classifier';
import { stratifiedFolds } from '../../src/nlu/training';
import { balanceLabels } from '../../src/nlu/trainingJobs';

const examples: TrainingExample[] = [
  { features: ['where', 'made'], label: 'plant' },
  { features: ['which', 'factory'], label: 'plant' },
  { features: ['who', 'own'], label: 'owner' },
  { features: ['owner', 'who'], label: 'owner' },
  { features: ['when', 'found'], label: 'founded' },
];

const weightNorm = (classifier: IntentClassifier) => Math.hypot(...classifier.toJSON().rows.flatMap((row) => row.filter((_, i) => i % 2 === 1)));

describe('classifier training', () => {
  test('the prior holds the weights back, and less so the more examples there are', () => {
    const loose = IntentClassifier.train(examples, { ...DEFAULT_TRAINING, prior: 0 });
    const tight = IntentClassifier.train(examples, { ...DEFAULT_TRAINING, prior: 1 });
    expect(weightNorm(tight)).toBeLessThan(weightNorm(loose));
    const more = IntentClassifier.train([...examples, ...examples, ...examples, ...examples], { ...DEFAULT_TRAINING, prior: 1 });
    expect(weightNorm(more)).toBeGreaterThan(weightNorm(tight));
  });

  test('averaging several shuffled runs is deterministic and differs from a single run', () => {
    const a = IntentClassifier.train(examples, { ...DEFAULT_TRAINING, runs: 3 });
    const b = IntentClassifier.train(examples, { ...DEFAULT_TRAINING, runs: 3 });
    const single = IntentClassifier.train(examples, { ...DEFAULT_TRAINING, runs: 1 });
    expect(a.toJSON()).toEqual(b.toJSON());
    expect(a.toJSON().rows).not.toEqual(single.toJSON().rows);
    expect(a.predict(['own'])[0]!.label).toBe('owner');
  });
});

describe('training with many labels', () => {
  // Three labels over a limit of two: the sparse training a knowledge base with thousands of intents gets.
  const sparse = { ...DEFAULT_TRAINING, denseLabels: 2 };
  const distinct = (labels: number) =>
    Array.from({ length: labels }, (_, j) => [
      { features: [`w${j}`, 'common', 'what'], label: `l${j}` },
      { features: [`w${j}`, `v${j}`, 'common'], label: `l${j}` },
    ]).flat();

  test('learns the labels, and its model survives saving', () => {
    const classifier = IntentClassifier.train(examples, sparse);
    for (const [features, label] of [[['where', 'made'], 'plant'], [['who', 'own'], 'owner'], [['when'], 'founded']] as const) {
      expect(classifier.predict([...features])[0]!.label).toBe(label);
    }
    const reloaded = IntentClassifier.load(JSON.parse(JSON.stringify(classifier.toJSON())));
    expect(reloaded.predict(['owner'])).toEqual(IntentClassifier.load(classifier.toJSON()).predict(['owner']));
  });

  test('holds weights only where labels compete: far fewer than features × labels', () => {
    const many = distinct(200);
    const model = IntentClassifier.train(many, { ...DEFAULT_TRAINING, denseLabels: 64 }).toJSON();
    const weights = model.rows.reduce((sum, row) => sum + (row.length === model.labels.length ? row.length : row.length / 2), 0);
    expect(weights).toBeLessThan((model.features.length * model.labels.length) / 4);
    const classifier = IntentClassifier.load(model);
    expect(classifier.predict(['w17', 'common'], 3).map((p) => p.label)).toEqual(['l17', expect.any(String), expect.any(String)]);
  });

  test('a large training set gets fewer passes and one run, never fewer than the minimum', () => {
    expect(schedule(DEFAULT_TRAINING, 100)).toEqual({ epochs: DEFAULT_TRAINING.epochs, runs: DEFAULT_TRAINING.runs });
    const large = schedule(DEFAULT_TRAINING, 10 * DEFAULT_TRAINING.updates);
    expect(large).toEqual({ epochs: DEFAULT_TRAINING.minEpochs, runs: 1 });
  });
});

describe('stratified folds for calibration', () => {
  const labels = ['a', 'b', 'a', 'c', 'b', 'a', 'c', 'a', 'd', 'b'];
  const foldOf = stratifiedFolds(labels, 4);

  test('every label with at least two examples is in the training part of every fold', () => {
    for (let fold = 0; fold < 4; fold++) {
      const trained = new Set(labels.filter((_, i) => foldOf[i] !== fold));
      for (const label of ['a', 'b', 'c']) expect(trained.has(label)).toBe(true);
    }
  });

  test('folds are as even as they can be', () => {
    const sizes = [0, 1, 2, 3].map((fold) => foldOf.filter((f) => f === fold).length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
  });
});

describe('label balancing', () => {
  const skewed = [
    ...Array.from({ length: 8 }, () => ({ label: 'big', weight: 1 })),
    { label: 'small', weight: 1 },
    { label: 'small', weight: 1 },
  ];
  const totalOf = (examples: readonly { label: string; weight: number }[], label: string) =>
    examples.filter((e) => e.label === label).reduce((sum, e) => sum + e.weight, 0);

  test('exponent 0 changes nothing; the square root halves the gap in ratio; the total weight is kept', () => {
    expect(balanceLabels(skewed, 0)).toEqual(skewed);
    const balanced = balanceLabels(skewed, 0.5);
    expect(totalOf(balanced, 'big') / totalOf(balanced, 'small')).toBeCloseTo(2);
    expect(totalOf(balanced, 'big') + totalOf(balanced, 'small')).toBeCloseTo(10);
  });

  test('exponent 1 gives every label the same total weight', () => {
    const even = balanceLabels(skewed, 1);
    expect(totalOf(even, 'big')).toBeCloseTo(totalOf(even, 'small'));
  });
});

import os from 'node:os';
import path from 'node:path';
import { DEFAULT_TRAINING } from '../../src/nlu/classifier';
import { runTrainingJobs } from '../../src/nlu/trainingPool';
import type { EncodedExample, TrainingJob } from '../../src/nlu/trainingJobs';

const encode = (text: string, label: string): EncodedExample => ({ features: text.split(' '), label, weight: 1 });
const examples = [
  encode('where made', 'plant'), encode('which factory build', 'plant'), encode('where produced', 'plant'),
  encode('who own', 'owner'), encode('which group own', 'owner'), encode('owner company', 'owner'),
  encode('when founded', 'founded'), encode('what year start', 'founded'), encode('founding date', 'founded'),
];
const options = { training: DEFAULT_TRAINING, labelBalance: 0.5 };
const jobs: TrainingJob[] = [
  { kind: 'final', train: examples, options },
  { kind: 'fold', train: examples.filter((_, i) => i % 3 !== 0), test: examples.filter((_, i) => i % 3 === 0), options },
];

describe('the training pool', () => {
  test('worker threads give exactly what training in-process gives, in the jobs’ order', async () => {
    const inProcess = await runTrainingJobs(jobs, { parallel: false });
    expect(inProcess[0]!.model!.labels).toEqual(['founded', 'owner', 'plant']);
    expect(inProcess[1]!.guesses).toHaveLength(3);
    const onWorkers = await runTrainingJobs(jobs, { parallel: true, workerScript: path.join(__dirname, '../support/trainingWorker.js') });
    expect(onWorkers).toEqual(inProcess);
  });

  test('uses worker threads when asked and there is more than one core', async () => {
    const marker = path.join(__dirname, '../support/threadMarkerWorker.js');
    const results = await runTrainingJobs(jobs, { parallel: true, workerScript: marker });
    const expected = os.availableParallelism() > 1 ? 'worker' : undefined;
    expect(results.map((r) => (r as { thread?: string }).thread)).toEqual([expected, expected]);
  });
});

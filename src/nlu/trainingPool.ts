/**
 * Runs a build's independent trainings at once on worker threads (piscina), one per core, so a
 * build takes about the time of its trainings divided by the cores. In-process, one after another,
 * when that cannot help: a single core, a single job, or no compiled worker script (the tests run
 * the TypeScript sources).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runTrainingJob, type TrainingJob, type TrainingResult } from './trainingJobs';

const WORKER_SCRIPT = path.join(__dirname, 'trainingWorker.js');

export interface PoolOptions {
  readonly parallel: boolean;
  /** The worker's script; the compiled trainingWorker.js by default. */
  readonly workerScript?: string;
}

/** The jobs' results, in the jobs' order. */
export async function runTrainingJobs(jobs: readonly TrainingJob[], options: PoolOptions): Promise<TrainingResult[]> {
  const threads = Math.min(jobs.length, os.availableParallelism());
  const filename = options.workerScript ?? WORKER_SCRIPT;
  if (!options.parallel || threads < 2 || !fs.existsSync(filename)) return jobs.map(runTrainingJob);
  // Required here only: the bot itself never trains unless its build is stale.
  const { Piscina } = require('piscina') as typeof import('piscina');
  const pool = new Piscina<TrainingJob, TrainingResult>({ filename, minThreads: threads, maxThreads: threads });
  try {
    return await Promise.all(jobs.map((job) => pool.run(job)));
  } finally {
    await pool.destroy();
  }
}

/** What the growth benchmark needs to know about training: the model's shape and quick builds. */
import { buildKnowledge, type BuildResult } from '../../../src/knowledge/build';
import { DEFAULT_TRAINING } from '../../../src/nlu/classifier';
import { DEFAULT_UNDERSTANDING } from '../../../src/nlu/understanding';
import { msSince, now } from './stats';

export interface ModelShape {
  readonly examples: number;
  readonly labels: number;
  readonly features: number;
}

/**
 * buildKnowledge with `epochs` passes and no calibration. It changes the exported defaults
 * buildKnowledge trains with, for the whole process: call it only in a growth child.
 */
export function quickBuild(dir: string, epochs: number): { built: BuildResult; ms: number } {
  Object.assign(DEFAULT_UNDERSTANDING, { folds: 0, training: { ...DEFAULT_TRAINING, epochs } });
  const start = now();
  const built = buildKnowledge(dir);
  return { built, ms: msSince(start) };
}


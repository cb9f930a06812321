/** Worker-thread entry of the training pool (see trainingPool.ts): runs one training job. */
import { runTrainingJob } from './trainingJobs';

export default runTrainingJob;

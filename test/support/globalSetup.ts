/** Builds the knowledge bases the tests use, once per test run, outside Jest's sandbox. */
import { ensureBuilt } from '../../src/answering/load';
import { FIXTURE_KNOWLEDGE, PRODUCT_KNOWLEDGE, testBuildDir } from './knowledge';

export default async function globalSetup(): Promise<void> {
  for (const dir of [PRODUCT_KNOWLEDGE, FIXTURE_KNOWLEDGE]) await ensureBuilt(dir, testBuildDir(dir));
}

/** Builds the knowledge bases the tests use, once per test run, outside Jest's sandbox. */
import { ensureBuilt } from '../../src/answering/load';
import { resolveChromium } from './chromiumPath';
import { DOCUMENTS_ONLY_KNOWLEDGE, FIXTURE_KNOWLEDGE, ITALIAN_DOCUMENTS_KNOWLEDGE, prepareExtraDocuments, PRODUCT_KNOWLEDGE, testBuildDir, WITH_EXTRA_DOCUMENTS } from './knowledge';

export default async function globalSetup(): Promise<void> {
  // Resolved once, before the workers start: they inherit it.
  process.env.CHROMIUM_PATH = await resolveChromium();
  prepareExtraDocuments();
  for (const dir of [PRODUCT_KNOWLEDGE, FIXTURE_KNOWLEDGE, DOCUMENTS_ONLY_KNOWLEDGE, ITALIAN_DOCUMENTS_KNOWLEDGE, WITH_EXTRA_DOCUMENTS]) await ensureBuilt(dir, testBuildDir(dir));
}

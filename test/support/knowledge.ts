/** Builds a knowledge folder into a throw-away build folder and loads the engine from it. */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadKnowledge, type LoadedKnowledge } from '../../src/answering/load';

export const PRODUCT_KNOWLEDGE = path.resolve(__dirname, '../../knowledge');
export const FIXTURE_KNOWLEDGE = path.resolve(__dirname, '../fixtures/bikes');
/** A knowledge base of documents only: bot.yaml and sources/, no curation. */
export const DOCUMENTS_ONLY_KNOWLEDGE = path.resolve(__dirname, '../fixtures/docs-only');
/** A dealer's pages in Italian, and nothing else: a knowledge base whose documents are not in English. */
export const ITALIAN_DOCUMENTS_KNOWLEDGE = path.resolve(__dirname, '../fixtures/docs-it');
/** The product's knowledge with an un-curated FAQ page and a newer article dropped into its sources. */
export const WITH_EXTRA_DOCUMENTS = path.join(os.tmpdir(), 'faq-assistant-test-kb', crypto.createHash('sha1').update(PRODUCT_KNOWLEDGE).digest('hex').slice(0, 12), 'with-extra-documents');

/** Writes WITH_EXTRA_DOCUMENTS afresh from knowledge/ and test/fixtures/alfa-extra/ (files only, so its version is stable). */
export function prepareExtraDocuments(): void {
  fs.rmSync(WITH_EXTRA_DOCUMENTS, { recursive: true, force: true });
  fs.cpSync(PRODUCT_KNOWLEDGE, WITH_EXTRA_DOCUMENTS, { recursive: true, filter: (src) => !src.includes(`${path.sep}build`) });
  const extra = path.resolve(__dirname, '../fixtures/alfa-extra');
  for (const file of fs.readdirSync(extra)) fs.copyFileSync(path.join(extra, file), path.join(WITH_EXTRA_DOCUMENTS, 'sources', file));
}

/**
 * Where the test run keeps the build of a knowledge folder. The builds are made once, by the
 * global setup, outside Jest's sandbox: training there is an order of magnitude faster.
 */
export function testBuildDir(knowledgeDir: string): string {
  const key = crypto.createHash('sha1').update(knowledgeDir).digest('hex').slice(0, 12);
  return path.join(os.tmpdir(), 'faq-assistant-test-builds', key);
}

const loaded = new Map<string, Promise<LoadedKnowledge>>();

/** One engine per knowledge folder per test file. */
export function engineFor(knowledgeDir: string): Promise<LoadedKnowledge> {
  let engine = loaded.get(knowledgeDir);
  if (!engine) {
    engine = loadKnowledge(knowledgeDir, testBuildDir(knowledgeDir));
    loaded.set(knowledgeDir, engine);
  }
  return engine;
}

/** A copy of a knowledge folder that a test may edit. */
export function copyKnowledge(from: string): string {
  const to = fs.mkdtempSync(path.join(os.tmpdir(), 'kb-copy-'));
  fs.cpSync(from, to, { recursive: true, filter: (src) => !src.includes(`${path.sep}build`) });
  return to;
}

/** Builds a knowledge folder into a throw-away build folder and loads the engine from it. */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadKnowledge, type LoadedKnowledge } from '../../src/answering/load';

export const PRODUCT_KNOWLEDGE = path.resolve(__dirname, '../../knowledge');
export const FIXTURE_KNOWLEDGE = path.resolve(__dirname, '../fixtures/bikes');

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

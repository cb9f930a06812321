/** Builds a knowledge folder into a throw-away build folder and loads the engine from it. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadKnowledge, type LoadedKnowledge } from '../../src/answering/load';

export const PRODUCT_KNOWLEDGE = path.resolve(__dirname, '../../knowledge');
export const FIXTURE_KNOWLEDGE = path.resolve(__dirname, '../fixtures/bikes');

const loaded = new Map<string, Promise<LoadedKnowledge>>();

/** One engine per knowledge folder per test file (building takes a moment). */
export function engineFor(knowledgeDir: string): Promise<LoadedKnowledge> {
  let engine = loaded.get(knowledgeDir);
  if (!engine) {
    const buildDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kb-build-'));
    engine = loadKnowledge(knowledgeDir, buildDir);
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

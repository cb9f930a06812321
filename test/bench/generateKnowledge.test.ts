/**
 * The growth benchmark's knowledge generator: what it writes at 2× is a valid knowledge base
 * (every reference resolves, every quote is verbatim in its source) and the bot answers a
 * question about a generated copy from that copy. No timings here: `npm run bench` measures.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadKnowledge } from '../../src/answering/load';
import { readKnowledge } from '../../src/knowledge/read';
import { generateKnowledge } from '../../scripts/lib/generateKnowledge';
import { FIXTURE_KNOWLEDGE, PRODUCT_KNOWLEDGE } from '../support/knowledge';

describe('generateKnowledge at 2×', () => {
  const dirs: string[] = [];
  const temp = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kb-generated-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

  test('the product knowledge doubled passes every check of the build', () => {
    const real = readKnowledge(PRODUCT_KNOWLEDGE);
    const generated = generateKnowledge(PRODUCT_KNOWLEDGE, temp(), 2);
    const files = readKnowledge(generated.dir);
    expect(files.entities).toHaveLength(2 * real.entities.length);
    expect(files.facts).toHaveLength(2 * real.facts.length);
    expect(files.sources).toHaveLength(2 * real.sources.length);
    expect(files.intents.length).toBeGreaterThan(real.intents.length);
    // The copy names things its own way: no entity name is shared with the original.
    const names = new Set(real.entities.map((e) => e.name));
    expect(files.entities.slice(real.entities.length).filter((e) => names.has(e.name))).toEqual([]);
  });

  test('a question about the generated copy is answered from the copy', async () => {
    const generated = generateKnowledge(FIXTURE_KNOWLEDGE, temp(), 2);
    const { engine } = await loadKnowledge(generated.dir, temp());
    const question = generated.translate('Where is the Strada built?', 1);
    expect(question).not.toBe('Where is the Strada built?');
    const reply = engine.ask(question);
    expect(reply.kind).toBe('answer');
    expect(reply.text).toContain(generated.translate('Utrecht Workshop', 1));
    expect(reply.trace.intent).toMatch(/_g1$/);
  });
});

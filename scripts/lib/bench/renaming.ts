/**
 * Renaming for the generated knowledge bases: the words that make entity names names get a
 * generated replacement per copy, the same everywhere they occur, so quotes stay verbatim.
 */
import { isEnglishWord } from '../../../src/nlu/dictionary';

type Entry = Record<string, unknown>;

export const WORD = /[\p{L}\p{N}]+/gu;
/** Dotted acronyms ("U.S."), which the tokenizer reads as one word. */
const ACRONYM = /\b(?:[A-Za-z]\.){2,}/g;
const PLACEHOLDER = /(\{[^}]*\})/;
const MARKER = '\0';
const SYLLABLES = [...'bdfgklmnprstvz'].flatMap((c) => [...'aeiou'].map((v) => c + v));

/** Generated words: consonant-vowel syllables ending in "x", which no stemmer rule touches. */
class WordMaker {
  private next = SYLLABLES.length ** 2;
  constructor(private readonly taken: Set<string>) {}

  make(): string {
    for (;;) {
      let n = this.next++;
      let word = '';
      do {
        word = SYLLABLES[n % SYLLABLES.length]! + word;
        n = Math.floor(n / SYLLABLES.length);
      } while (n > 0);
      word += 'x';
      if (!this.taken.has(word) && !isEnglishWord(word)) {
        this.taken.add(word);
        return word;
      }
    }
  }
}

function wordsOf(text: string): string[] {
  return text.replace(ACRONYM, (a) => a.replace(/\./g, '')).match(WORD) ?? [];
}

const isCapitalised = (word: string) => /^\p{Lu}/u.test(word);
const isAllCaps = (word: string) => word === word.toUpperCase() && /\p{L}/u.test(word);

/**
 * The words that make a name a name: not English words, or failing that the capitalised words.
 * Short all-capital English words ("US") are matched in capitals only, as the recognizer does.
 */
export function nameWords(entities: readonly Entry[]): { words: Set<string>; capsOnly: Set<string> } {
  const words = new Set<string>();
  const capsOnly = new Set<string>();
  const names = entities.flatMap((e) => [String(e.name), ...((e.aliases as unknown[] | undefined) ?? []).map(String)]);
  for (const name of names) {
    const tokens = wordsOf(name).filter((w) => w.length >= 2);
    const proper = tokens.filter((w) => !isEnglishWord(w.toLowerCase()));
    const chosen = proper.length > 0 ? proper : tokens.filter(isCapitalised);
    for (const word of chosen) {
      if (word.length <= 3 && isAllCaps(word) && isEnglishWord(word.toLowerCase())) capsOnly.add(word);
      else words.add(word.toLowerCase());
    }
  }
  return { words, capsOnly };
}

/** Keeps the case pattern of the word replaced: "Giulia" → "Bakedox", "BMW" → "BAKEDOX". */
function withCaseOf(original: string, replacement: string): string {
  if (original.length > 1 && isAllCaps(original)) return replacement.toUpperCase();
  if (isCapitalised(original)) return replacement[0]!.toUpperCase() + replacement.slice(1);
  return replacement;
}

/** Replaces name words in texts, one vocabulary per copy. */
export class Renamer {
  private readonly maps = new Map<number, Map<string, string>>();
  private readonly maker: WordMaker;

  constructor(
    private readonly words: Set<string>,
    private readonly capsOnly: Set<string>,
    realVocabulary: Set<string>,
  ) {
    this.maker = new WordMaker(realVocabulary);
  }

  private mapFor(copy: number): Map<string, string> {
    let map = this.maps.get(copy);
    if (!map) {
      map = new Map([...this.words, ...[...this.capsOnly].map((w) => w.toLowerCase())].sort().map((w) => [w, this.maker.make()]));
      map.set(MARKER, this.maker.make());
      this.maps.set(copy, map);
    }
    return map;
  }

  /** A capitalised word of the copy's own, for names the renaming would leave as they were. */
  marker(copy: number): string {
    return withCaseOf('Xx', this.mapFor(copy).get(MARKER)!);
  }

  private replaceable(word: string): boolean {
    return this.words.has(word.toLowerCase()) || this.capsOnly.has(word);
  }

  /** The text as copy `copy` has it; placeholders such as {subject} are left alone. */
  text(text: string, copy: number): string {
    if (copy === 0) return text;
    const map = this.mapFor(copy);
    const swap = (word: string) => (this.replaceable(word) ? withCaseOf(word, map.get(word.toLowerCase())!) : word);
    return text
      .split(PLACEHOLDER)
      .map((part) => {
        if (PLACEHOLDER.test(part)) return part;
        const acronymsDone = part.replace(ACRONYM, (a) => {
          const joined = a.replace(/\./g, '');
          return this.replaceable(joined) ? withCaseOf(joined, map.get(joined.toLowerCase())!) : a;
        });
        return acronymsDone.replace(WORD, swap);
      })
      .join('');
  }
}

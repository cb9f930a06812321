/**
 * Spelling correction against the knowledge base's own vocabulary, with a symmetric-delete index
 * (candidates are found by deleting letters from both sides) and natural's Damerau-Levenshtein
 * distance to rank them. Only words that are neither known to the knowledge base nor English are
 * corrected, so a real word is never bent into a domain word.
 */
import { isEnglishWord } from './dictionary';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { DamerauLevenshteinDistance } = require('natural/lib/natural/distance/levenshtein_distance') as {
  DamerauLevenshteinDistance(a: string, b: string, options?: { transposition_cost?: number }): number;
};

export interface SpellingOptions {
  /** Words shorter than this are left alone. */
  readonly minLength: number;
  /** Words at least this long may be two edits away; shorter ones one edit. */
  readonly twoEditsFrom: number;
  /** Consult the language's word list before correcting. */
  readonly keepEnglishWords: boolean;
  /** The language's word list (English by default). */
  readonly isWord?: (word: string) => boolean;
}

export const DEFAULT_SPELLING: SpellingOptions = { minLength: 3, twoEditsFrom: 7, keepEnglishWords: true };

function deletes(word: string, depth: number, into: Set<string>): void {
  if (depth === 0 || word.length <= 1) return;
  for (let i = 0; i < word.length; i++) {
    const shorter = word.slice(0, i) + word.slice(i + 1);
    if (!into.has(shorter)) {
      into.add(shorter);
      deletes(shorter, depth - 1, into);
    }
  }
}

export class SpellingCorrector {
  private readonly index = new Map<string, string[]>();

  /** @param vocabulary word → how often the knowledge base uses it (ties go to the commoner word). */
  constructor(
    private readonly vocabulary: ReadonlyMap<string, number>,
    private readonly options: SpellingOptions = DEFAULT_SPELLING,
  ) {
    for (const word of vocabulary.keys()) {
      if (!/^\p{L}+$/u.test(word) || word.length < options.minLength) continue;
      const variants = new Set<string>([word]);
      deletes(word, this.maxEdits(word), variants);
      for (const variant of variants) {
        const bucket = this.index.get(variant);
        if (bucket) bucket.push(word);
        else this.index.set(variant, [word]);
      }
    }
  }

  private maxEdits(word: string): number {
    return word.length >= this.options.twoEditsFrom ? 2 : 1;
  }

  /** Whether the word needs no correction. */
  isKnown(word: string): boolean {
    return (
      this.vocabulary.has(word) ||
      word.length < this.options.minLength ||
      !/^\p{L}+$/u.test(word) ||
      (this.options.keepEnglishWords && (this.options.isWord ?? isEnglishWord)(word))
    );
  }

  /** The best correction of a word, or the word itself when it is known or nothing is close. */
  correct(word: string): string {
    if (this.isKnown(word)) return word;
    const maxEdits = this.maxEdits(word);
    const probes = new Set<string>([word]);
    deletes(word, maxEdits, probes);
    let best = word;
    let bestDistance = Infinity;
    let bestCount = 0;
    for (const probe of probes) {
      for (const candidate of this.index.get(probe) ?? []) {
        if (candidate === best) continue;
        const distance = DamerauLevenshteinDistance(word, candidate);
        if (distance > Math.min(maxEdits, this.maxEdits(candidate))) continue;
        const count = this.vocabulary.get(candidate) ?? 0;
        if (distance < bestDistance || (distance === bestDistance && count > bestCount)) {
          best = candidate;
          bestDistance = distance;
          bestCount = count;
        }
      }
    }
    return best;
  }
}

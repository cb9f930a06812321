/**
 * A cheap check for messages in another language than the one being read: they use the little
 * words (articles, prepositions) of that language. natural's stop-word lists, imported one by one.
 */
import { naturalStopWords } from './languages/stopWords';

const LANGUAGES = ['en', 'es', 'fr', 'it', 'pt', 'nl', 'sv', 'no', 'pl'] as const;

const others = new Map<string, ReadonlySet<string>>();

/** The other languages' little words, less those the native language shares ("a", "in", "do" are no evidence). */
function otherStopWords(native: string): ReadonlySet<string> {
  let found = others.get(native);
  if (!found) {
    const own = naturalStopWords(native);
    found = new Set(LANGUAGES.filter((l) => l !== native).flatMap((l) => [...naturalStopWords(l)]).filter((w) => !own.has(w)));
    others.set(native, found);
  }
  return found;
}

/** Whether the words look like another language than `native` (English by default). */
export function looksForeign(words: readonly string[], native = 'en'): boolean {
  const own = naturalStopWords(native);
  const other = otherStopWords(native);
  const foreign = words.filter((w) => other.has(w)).length;
  const mine = words.filter((w) => own.has(w)).length;
  return foreign >= 2 && foreign > mine;
}

/**
 * Stemming with natural's Porter stemmer. Imported from its own module: the package's index
 * loads every back-end natural has (≈ +120 MB, +650 ms at start-up).
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const porter: { stem(word: string): string } = require('natural/lib/natural/stemmers/porter_stemmer');

const CACHE_LIMIT = 50_000;

/** A stemmer that keeps numbers and words under three letters as they are, and remembers its stems. */
export function cachedStemmer(stemmer: { stem(word: string): string }): (word: string) => string {
  const cache = new Map<string, string>();
  return (word) => {
    if (word.length < 3 || /^\d+$/.test(word)) return word;
    let stemmed = cache.get(word);
    if (stemmed === undefined) {
      stemmed = stemmer.stem(word);
      if (cache.size >= CACHE_LIMIT) cache.clear();
      cache.set(word, stemmed);
    }
    return stemmed;
  };
}

/** The Porter stem of a lower-case word; numbers and one-letter words are kept as they are. */
export const stem: (word: string) => string = cachedStemmer(porter);

/** natural's stop-word lists, each imported from its own file (the package's index is heavy), accents folded. */
import { fold } from '../text';

const cache = new Map<string, ReadonlySet<string>>();

/** The stop words natural has for a language ('en' is its English list); empty when it has none. */
export function naturalStopWords(code: string): ReadonlySet<string> {
  let words = cache.get(code);
  if (!words) {
    const file = code === 'en' ? 'stopwords.js' : `stopwords_${code}.js`;
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const list = (require(`natural/lib/natural/util/${file}`) as { words: string[] }).words;
      words = new Set(list.map((w) => fold(w).toLowerCase()).filter((w) => /^\p{L}+$/u.test(w)));
    } catch {
      words = new Set();
    }
    cache.set(code, words);
  }
  return words;
}

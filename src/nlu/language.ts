/**
 * A cheap check for messages in another language: they use the little words (articles,
 * prepositions) of that language. natural's stop-word lists, imported one by one.
 */
import { fold } from './text';

const OTHER_LANGUAGES = ['es', 'fr', 'it', 'pt', 'nl', 'sv', 'no', 'pl'] as const;

let lists: { english: ReadonlySet<string>; other: ReadonlySet<string> } | undefined;

function stopWords(): { english: ReadonlySet<string>; other: ReadonlySet<string> } {
  if (!lists) {
    const load = (file: string): string[] =>
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      (require(`natural/lib/natural/util/${file}`) as { words: string[] }).words.map((w) => fold(w).toLowerCase());
    const english = new Set(load('stopwords.js'));
    // Also English: short words other lists share with it ("a", "in", "do") are not evidence.
    const other = new Set(OTHER_LANGUAGES.flatMap((l) => load(`stopwords_${l}.js`)).filter((w) => !english.has(w)));
    lists = { english, other };
  }
  return lists;
}

/** Whether the words look like another language than English. */
export function looksForeign(words: readonly string[]): boolean {
  const { english, other } = stopWords();
  const foreign = words.filter((w) => other.has(w)).length;
  const native = words.filter((w) => english.has(w)).length;
  return foreign >= 2 && foreign > native;
}

/** Whether a word is one of English's little words (articles, pronouns, prepositions). */
export function isStopWord(word: string): boolean {
  return stopWords().english.has(word);
}

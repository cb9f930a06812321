/**
 * What the understanding pipeline needs to know about a language: how its words are split and
 * stemmed, its little words, how it asks yes/no and follow-up questions. One module per language
 * (english.ts, italian.ts); everything else about a language is data in the knowledge folder.
 */
export interface LanguageModule {
  /** ISO 639-1 code, as declared in the knowledge base (bot.yaml `languages`). */
  readonly code: string;
  /** After fold(): resolves contractions and elisions so that words split cleanly ("dov'è" → "dove è"). */
  prepare(folded: string): string;
  /** The stem of a lower-case, accent-folded word. */
  stem(word: string): string;
  /** Articles, prepositions, pronouns: evidence of the language, not of a topic. */
  readonly stopWords: ReadonlySet<string>;
  /** Words too common to be classifier features on their own (they still make bigrams and trigrams). */
  readonly filler: ReadonlySet<string>;
  /** A real word of the language, which spelling correction must never bend into a knowledge base word. */
  isWord(word: string): boolean;
  /** Words a follow-up fragment is made of besides names ("and", "what about"). */
  readonly fragmentFiller: ReadonlySet<string>;
  /** Question words that make a follow-up on their own ("Where?"). */
  readonly questionWords: ReadonlySet<string>;
  /** Words asking for something besides what was said ("else", "other"). */
  readonly elseWords: ReadonlySet<string>;
  /** Whether a question (its normalised words) asks yes or no. */
  isYesNo(words: readonly string[]): boolean;
  /** WordNet synonyms exist for the language (English only). */
  readonly synonyms: boolean;
}

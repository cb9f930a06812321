import type { AnswerPatterns, QuestionTypeWords } from '../questionType';

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
  /** `isWord` knows the whole language (a dictionary), not only its little words: a word it does not know is gibberish or foreign. */
  readonly dictionary: boolean;
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
  /** The question words that ask for a date, a place, an amount…, when not English's. */
  readonly questionTypes?: QuestionTypeWords;
  /** How the language writes a date, a place, an amount… (English's when not given). */
  readonly answerPatterns?: AnswerPatterns;
  /** How a conversation is followed in the language; without it, each message is answered on its own. */
  readonly conversation?: ConversationWords;
}

/** The texts the conversation moves say, when the knowledge base's bot texts do not give their own. */
export interface MoveTexts {
  /** "{count}", "{phrase}" (e.g. "in Chile"), "{items}". */
  readonly listFilter: string;
  readonly listFilterNone: string;
  readonly listAllYes: string;
  /** Also "{others}", "{phrase_cap}". */
  readonly listAllNo: string;
  readonly listCount: string;
  readonly listAll: string;
  readonly noList: string;
  /** "{part}": a part of a compound question the sources cannot answer. */
  readonly partUnknown: string;
  /** "{subject}": what the sources say about something named without a question. */
  readonly topicIntro: string;
}

/**
 * The words and patterns the conversation moves recognise in a language (src/answering/moves):
 * each pattern's first group is what the move keeps.
 */
export interface ConversationWords {
  readonly questionWords: ReadonlySet<string>;
  /** Other forms of a question word, as the word they retarget a question to ("whom" → "who"). */
  readonly questionWordForms: Readonly<Record<string, string>>;
  /** "sorry, I meant the Model Y": group 1 or 2 is the corrected part. */
  readonly correction: RegExp;
  /** Openings and closings that carry nothing ("ok, so…", "…then?"). */
  readonly discourseStart: RegExp;
  readonly discourseEnd: RegExp;
  /** "back to X[, question]": group 1 what is returned to, group 2 the question. */
  readonly returnTo: RegExp;
  /** A statement with a tag ("…, right?"): group 1 the statement. */
  readonly tagQuestion: RegExp;
  /** The yes/no question a tagged statement asks; undefined when it is too short to be one. */
  asYesNo(statement: string): string | undefined;
  /** Where a compound question splits into its parts. */
  readonly compoundSplit: RegExp;
  /** Where the sentences of a longer message meet. */
  readonly sentenceSplit: RegExp;
  /** A message shorter than this is one question, however it is punctuated. */
  readonly minBuriedWords: number;
  /** "tell me about X": group 1 the topic. */
  readonly topic: RegExp;
  /** List operations on the last list given ("which of those are in X?"): group 1 the phrase. */
  readonly listFilter: RegExp;
  /** A list filter that asks for a number ("how many of them…"). */
  readonly listFilterCounts: RegExp;
  readonly listAllCheck: RegExp;
  readonly listAll: RegExp;
  readonly listCount: RegExp;
  /** "the second one": group 1 an ordinal of `ordinals`. */
  readonly listOrdinal: RegExp;
  readonly ordinals: Readonly<Record<string, number>>;
  /** Words before a place in a filter ("in Chile"); the first is the default. */
  readonly placePrepositions: readonly string[];
  /** References, by what they stand for. */
  readonly placeReference: RegExp;
  readonly personReference: RegExp;
  readonly thingReference: RegExp;
  readonly possessivePerson: RegExp;
  /** A message about where an answer comes from, or who said it. */
  readonly provenanceCue: RegExp;
  /** A place put where a place reference was ("there" → "at Plant A"). */
  atPlace(name: string): string;
  /** A person put where a possessive was ("his" → "Ann’s"). */
  possessive(name: string): string;
  /** Words that do not count as a small-talk intent's own words. */
  readonly stopWords: ReadonlySet<string>;
  readonly texts: MoveTexts;
}

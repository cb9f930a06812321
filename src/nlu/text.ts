/**
 * Text normalisation and tokenising: the first stage of understanding.
 * Pure functions; the same ones prepare training examples, entity names and user messages.
 */

/** A token with its surface form (case kept, for acronyms) and its normalised form. */
export interface Token {
  readonly surface: string;
  readonly norm: string;
}

const APOSTROPHES = /[\u2018\u2019\u201A\u201B\u2032\u0060\u00B4\u02BC]/g;
const QUOTES = /[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g;
const DASHES = /[\u2010-\u2015\u2212]/g;

/** Unicode-normalises, folds accents, straightens curly quotes and dashes; keeps case. */
export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(APOSTROPHES, "'")
    .replace(QUOTES, '"')
    .replace(DASHES, '-');
}

/** fold() plus lower case. */
export function normalize(text: string): string {
  return fold(text).toLowerCase();
}

/** English contractions and possessives, so that "Smith's" and "Smith" meet and "don't" keeps its "not". */
export function englishContractions(folded: string): string {
  return folded
    .replace(/n't\b/gi, ' not')
    .replace(/'(s|re|ve|ll|d|m)\b/gi, '')
    .replace(/s'(?=\s|$)/gi, 's');
}

/** How a language readies folded text for splitting (its contractions, elisions); see languages/. */
export interface WordSplitting {
  prepare(folded: string): string;
}

const ENGLISH: WordSplitting = { prepare: englishContractions };

/**
 * Splits text into word tokens. Dotted acronyms ("U.S.") stay whole, then the language resolves
 * its contractions or elisions (English by default).
 */
export function tokenize(text: string, language: WordSplitting = ENGLISH): Token[] {
  const prepared = language.prepare(fold(text).replace(/\b((?:[A-Za-z]\.){2,})/g, (acronym: string) => acronym.replace(/\./g, '')));
  const tokens: Token[] = [];
  for (const match of prepared.matchAll(/[\p{L}\p{N}]+/gu)) {
    tokens.push({ surface: match[0], norm: match[0].toLowerCase() });
  }
  return tokens;
}

/** The normalised words of a text, for callers that do not need surface forms. */
export function words(text: string, language?: WordSplitting): string[] {
  return tokenize(text, language).map((token) => token.norm);
}

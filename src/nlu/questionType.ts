/**
 * What kind of answer a question asks for (a date, a place, a person, an amount, a duration…), and
 * whether a text can be such an answer. English word lists; cheap tests on the surface text, used
 * to rank candidate answers and to refuse a sentence that cannot answer ("how much…?" with no
 * amount stated).
 */
import { words } from './text';

export type QuestionType = 'when' | 'where' | 'who' | 'amount' | 'duration' | 'count' | 'yesno' | 'other';

const AUXILIARIES = new Set(['is', 'are', 'was', 'were', 'does', 'do', 'did', 'will', 'can', 'could', 'has', 'have', 'had', 'would', 'should', 'may', 'must', 'shall']);
const PRICE_WORDS = new Set(['price', 'prices', 'cost', 'costs', 'fee', 'fees', 'charge', 'charges', 'fine', 'fines', 'pay', 'expensive', 'cheap', 'msrp']);
const MONTHS = 'january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec';
const WEEKDAYS = 'monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thurs|fri|sat|sun|weekdays?|weekends?';
const NUMBER_WORDS = 'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|hundred|thousand|a|an|several|few';
const UNITS = 'years?|months?|weeks?|days?|hours?|minutes?|miles?|kilometres?|kilometers?|km|decades?|centur(?:y|ies)';

const DATE = new RegExp(`\\b(?:1[5-9]\\d\\d|20\\d\\d)s?\\b|\\b(?:${MONTHS})\\b|\\b(?:${WEEKDAYS})\\b|\\b\\d{1,2}(?::\\d\\d)?\\s?(?:a\\.?m\\.?|p\\.?m\\.?)|\\b\\d{1,2}[:.]\\d\\d\\b|\\b(?:today|tomorrow|yesterday|soon|later|next|last|since|until|ago|noon|midnight)\\b`, 'i');
const AMOUNT = /[$€£¥]\s?\d|\d[\d,.]*\s?(?:cents?|dollars?|euros?|pounds?|usd|eur|gbp|%|per ?cent)\b|\b(?:free|no charge|free of charge)\b/i;
const DURATION = new RegExp(`\\b(?:\\d[\\d,.]*|${NUMBER_WORDS})[\\s-]+(?:${UNITS})\\b|\\buntil\\b`, 'i');
const COUNT = new RegExp(`\\b\\d[\\d,.]*\\b|\\b(?:${NUMBER_WORDS})\\b`, 'i');
/** A capitalised word after a preposition of place, or a street address. */
const PLACE = /\b(?:in|at|near|from|outside|inside)\s+(?:the\s+)?[\p{Lu}]|\d+\s+[\p{Lu}][\p{L}]+\s+(?:street|st|road|rd|avenue|ave|boulevard|blvd|lane|way|drive|square|place)\b|\b(?:via|viale|piazza|corso)\s+[\p{Lu}]/u;
/** Two capitalised words in a row that do not start the sentence: a name. */
const PERSON = /(?:^|[^.!?]\s)[\p{Lu}][\p{Ll}’'-]+(?:\s+[\p{Lu}][\p{Ll}’'-]+)+/u;

/** Question words of another language, as patterns over its words (each padded with spaces), in the order tried. */
export type QuestionTypeWords = readonly (readonly [QuestionType, RegExp])[];

/** The type of answer a question asks for; in another language than English, by that language's question words. */
export function questionType(question: string, other?: QuestionTypeWords): QuestionType {
  const list = words(question);
  const joined = ` ${list.join(' ')} `;
  if (other) return other.find(([, pattern]) => pattern.test(joined))?.[0] ?? 'other';
  const first = list[0] ?? '';
  if (/ how (?:much|expensive|cheap) /.test(joined) || list.some((w) => PRICE_WORDS.has(w)) && !/ (?:when|where|who) /.test(joined)) return 'amount';
  if (/ how long /.test(joined) || / for how /.test(joined)) return 'duration';
  if (/ how many /.test(joined)) return 'count';
  if (/ (?:when|what time|what year|what date|which year|what day|what hours|opening hours) /.test(joined)) return 'when';
  if (/ (?:where|what address|which city|which country|what city|what country|whereabouts) /.test(joined)) return 'where';
  if (/ (?:who|whom|whose) /.test(joined)) return 'who';
  if (AUXILIARIES.has(first)) return 'yesno';
  return 'other';
}

/** How a language writes dates, places, amounts, durations and numbers: what a text of each type shows. */
export interface AnswerPatterns {
  readonly date: RegExp;
  readonly place: RegExp;
  readonly amount: RegExp;
  readonly duration: RegExp;
  readonly count: RegExp;
}

export const ENGLISH_ANSWERS: AnswerPatterns = { date: DATE, place: PLACE, amount: AMOUNT, duration: DURATION, count: COUNT };

/** Whether a text states something of the type asked for (always true for types with no test), as its language writes it. */
export function satisfiesType(type: QuestionType, text: string, patterns: AnswerPatterns = ENGLISH_ANSWERS): boolean {
  switch (type) {
    case 'when':
      return patterns.date.test(text);
    case 'where':
      return patterns.place.test(text);
    case 'who':
      return PERSON.test(text);
    case 'amount':
      return patterns.amount.test(text);
    case 'duration':
      return patterns.duration.test(text) || patterns.date.test(text);
    case 'count':
      return patterns.count.test(text);
    case 'yesno':
    case 'other':
      return true;
  }
}

/** Whether the question asks for a type that a text must show (dates, places, amounts…). */
export function isTyped(type: QuestionType): boolean {
  return type !== 'yesno' && type !== 'other';
}

/**
 * The language `it`: natural's Porter stemmer and stop words for it (each imported from its own
 * file), elisions ("dov'è", "l'auto", "dell'azienda") split off, and how it asks yes/no and
 * follow-up questions. It has no inverted yes/no form: a question that does not open with a
 * question word or a request asks yes or no ("La sede è a Roma?").
 */
import { cachedStemmer } from '../stem';
import { italianConversation } from './italianConversation';
import { naturalStopWords } from './stopWords';
import type { AnswerPatterns, QuestionTypeWords } from '../questionType';
import type { LanguageModule } from './types';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const porter: { stem(word: string): string } = require('natural/lib/natural/stemmers/porter_stemmer_it');

/** Elided words written out, so that "dov'è" and "dove è" meet; other elisions (l', dell', un') are stop words as they are. */
const ELIDED: Readonly<Record<string, string>> = { dov: 'dove', com: 'come', cos: 'cosa', qual: 'quale', quant: 'quanto', quand: 'quando', perch: 'perche' };

const QUESTION_WORDS = ['dove', 'quando', 'chi', 'come', 'perche', 'quale', 'quali', 'cosa', 'che', 'quanto', 'quanti', 'quanta', 'quante', 'cos'];
/** Openings of a request or of a question that is not yes/no. */
const NOT_YES_NO = new Set([...QUESTION_WORDS, 'dimmi', 'parlami', 'spiegami', 'raccontami', 'vorrei', 'voglio', 'mi', 'in', 'a', 'da', 'di', 'per', 'su', 'con']);

const stem = cachedStemmer(porter);

const MONTHS = 'gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|agosto|settembre|ottobre|novembre|dicembre';
const WEEKDAYS = 'luned[iì]|marted[iì]|mercoled[iì]|gioved[iì]|venerd[iì]|sabato|sabati|domenica|domeniche|festivi|feriali|weekend|fine settimana';
const NUMBER_WORDS = 'uno|una|due|tre|quattro|cinque|sei|sette|otto|nove|dieci|undici|dodici|quindici|venti|trenta|cento|mille|alcuni|alcune|pochi|poche';
const UNITS = 'anni|anno|mesi|mese|settimane|settimana|giorni|giorno|ore|ora|minuti|minuto|chilometri|km|decenni|secoli|secolo';
/** JavaScript's \b does not see accented letters as letters. */
const W = '(?![\\p{L}])';

/** Dates, places, amounts as the language writes them ("1° dicembre", "in via Emilia", "20 euro"). */
const ANSWERS: AnswerPatterns = {
  date: new RegExp(`\\b(?:1[5-9]\\d\\d|20\\d\\d)\\b|\\b(?:${MONTHS})${W}|\\b(?:${WEEKDAYS})${W}|\\b\\d{1,2}[:.]\\d\\d\\b|\\b(?:oggi|domani|ieri|presto|prossim[oa]|scors[oa])${W}`, 'iu'),
  place: /\b(?:in|a|ad|da|presso|vicino a|nei pressi di)\s+(?:[\p{Lu}]|via\b|viale\b|piazza\b|corso\b)|\b(?:via|viale|piazza|corso|largo|strada)\s+[\p{Lu}\d]/u,
  amount: /[$€£]\s?\d|\d[\d.,]*\s?(?:euro|centesimi|dollari|%|per cento)\b|\b(?:gratis|gratuit[oaie]|gratuitamente|senza costi)\b/iu,
  duration: new RegExp(`\\b(?:\\d[\\d,.]*|${NUMBER_WORDS})[\\s-]+(?:${UNITS})${W}|\\bfino a${W}`, 'iu'),
  count: new RegExp(`\\b\\d[\\d,.]*\\b|\\b(?:${NUMBER_WORDS})${W}`, 'iu'),
};

/** Over the folded words, each padded with spaces ("quanto costa" asks an amount, "quanto tempo" a duration). */
const QUESTION_TYPES: QuestionTypeWords = [
  ['duration', / (?:quanto tempo|per quanto|da quanto tempo|quanto dura|quanto durera) /],
  ['amount', / (?:quanto costa|quanto costano|quanto costera|quanto viene|prezzo|prezzi|costo|costi|costa|costano|listino) /],
  ['count', / (?:quanti|quante) /],
  ['when', / (?:quando|in che anno|che anno|quale anno|in quale anno|da quando|a che ora|orari|orario) /],
  ['where', / (?:dove|dov|in che paese|in quale paese|che citta|quale citta|in che citta|in quale citta) /],
  ['who', / (?:chi|di chi) /],
];

let words: ReadonlySet<string> | undefined;

export const italian: LanguageModule = {
  code: 'it',
  prepare: (folded) => folded.replace(/\b(\p{L}+)'(?=\p{L})/gu, (_, head: string) => `${ELIDED[head.toLowerCase()] ?? head} `),
  stem,
  get stopWords() {
    return naturalStopWords('it');
  },
  filler: new Set(['il', 'lo', 'la', 'i', 'gli', 'le', 'l', 'un', 'uno', 'una', 'di', 'del', 'della', 'dei', 'a', 'al', 'alla', 'da', 'in', 'nel', 'nella', 'e', 'ed', 'si', 'che', 'per']),
  // No dictionary of the language ships with the bot: its stop words are the words never corrected.
  isWord: (word) => (words ??= naturalStopWords('it')).has(word),
  dictionary: false,
  fragmentFiller: new Set(['e', 'ed', 'invece', 'allora', 'anche', 'pure', 'poi', 'ancora', 'il', 'lo', 'la', 'i', 'gli', 'le', 'l', 'un', 'uno', 'una', 'di', 'del', 'della', 'dello', 'quanto', 'riguardo', 'a', 'al', 'alla', 'allo', 'per', 'ok', 'va', 'bene', 'che', 'mi', 'dici', 'dimmi', 'cosa', 'ne', 'sai', 'su', 'sul', 'sulla', 'stesso', 'stessa', 'vale', 'domanda']),
  questionWords: new Set(QUESTION_WORDS.filter((w) => w !== 'cos')),
  elseWords: new Set(['altro', 'altri', 'altra', 'altre', 'oltre', 'inoltre']),
  isYesNo: (list) => list.length > 1 && !NOT_YES_NO.has(list[0] ?? ''),
  synonyms: false,
  questionTypes: QUESTION_TYPES,
  answerPatterns: ANSWERS,
  conversation: italianConversation,
};

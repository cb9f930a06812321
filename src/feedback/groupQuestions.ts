// The distance module alone: the package's main entry loads every feature and costs ~120 MB.
import { JaroWinklerDistance } from 'natural/lib/natural/distance';
import { normalizeQuestion, questionTokens } from './questionText';
import type { UnansweredRecord } from './unansweredStore';

/** Near-duplicate unanswered questions, counted. */
export interface QuestionGroup {
  /** The wording asked most often (the latest of equals). */
  readonly representative: string;
  readonly count: number;
  readonly conversations: number;
  readonly firstTime: string;
  readonly lastTime: string;
  /** Other wordings, most frequent first, at most `maxVariants`. */
  readonly variants: readonly string[];
  /** The intent most often ranked first by the classifier, and for how many of the questions. */
  readonly topGuess?: { readonly intent: string; readonly count: number };
}

/** What a question means, as the understanding pipeline reads it. */
export interface QuestionMeaning {
  /** The kind of answer it asks for (a date, a place, an amount…), "" when none in particular. */
  readonly asks: string;
  /** The types of the things it names (a model, a plant…), sorted. */
  readonly about: readonly string[];
  /** Its words as the pipeline sees them: spelling corrected, stemmed, with known synonyms. */
  readonly stems: readonly string[];
}

export interface GroupOptions {
  /** Share of matching words (Jaccard) needed to join a group. */
  readonly threshold?: number;
  readonly maxVariants?: number;
  /**
   * Reads a question through the understanding pipeline: then "price of the X" and "how much is
   * the Y" (an amount asked about two things of one type) are one question, and words are
   * compared after spelling correction, stemming and synonyms.
   */
  readonly meaning?: (text: string) => QuestionMeaning;
}

const DEFAULT_THRESHOLD = 0.6;
const DEFAULT_MAX_VARIANTS = 5;
// Words this similar are one word misspelt or inflected ("prices"/"price"); measured on pairs
// such as charge/change (0.92) that must stay apart.
const SAME_WORD = 0.94;
const MIN_FUZZY_LENGTH = 4;

/** Records sharing one normalised text. */
interface Wording {
  readonly tokens: readonly string[];
  readonly meaning?: QuestionMeaning;
  readonly records: UnansweredRecord[];
  lastTime: string;
}

/**
 * Groups questions that are the same question in other words, largest group first (then the most
 * recent). Deterministic and free of I/O.
 */
export function groupQuestions(records: readonly UnansweredRecord[], options: GroupOptions = {}): QuestionGroup[] {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const maxVariants = options.maxVariants ?? DEFAULT_MAX_VARIANTS;

  // Common wordings lead their groups, so a rare odd phrasing cannot pull unrelated ones together.
  const wordings = [...byWording(records, options.meaning).values()].sort((a, b) => b.records.length - a.records.length || compareDesc(a.lastTime, b.lastTime));
  const clusters: Wording[][] = [];
  for (const wording of wordings) {
    let best: Wording[] | undefined;
    let bestScore = threshold;
    for (const cluster of clusters) {
      const score = closeness(cluster[0]!, wording);
      if (score >= bestScore) {
        best = cluster;
        bestScore = score;
        if (score === 1) break;
      }
    }
    if (best) best.push(wording);
    else clusters.push([wording]);
  }

  return clusters
    .map((cluster) => summarise(cluster.flatMap((wording) => wording.records), maxVariants))
    .sort((a, b) => b.count - a.count || compareDesc(a.lastTime, b.lastTime) || a.representative.localeCompare(b.representative));
}

/** How alike two wordings are: the same kind of answer about the same kind of thing is one question; else their words' overlap. */
function closeness(a: Wording, b: Wording): number {
  if (!a.meaning || !b.meaning) return similarity(a.tokens, b.tokens);
  const sameAsk = a.meaning.asks !== '' && a.meaning.asks === b.meaning.asks;
  const sameAbout = a.meaning.about.length > 0 && a.meaning.about.join() === b.meaning.about.join();
  if (sameAsk && sameAbout) return 1;
  return Math.max(similarity(a.tokens, b.tokens), similarity(a.meaning.stems, b.meaning.stems));
}

/** Word-set overlap (Jaccard), counting near-identical words as the same. */
export function similarity(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 && b.length === 0) return 1;
  const unmatched = [...b];
  let matched = 0;
  for (const word of a) {
    const index = unmatched.findIndex((other) => sameWord(word, other));
    if (index >= 0) {
      unmatched.splice(index, 1);
      matched++;
    }
  }
  return matched / (a.length + b.length - matched);
}

function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length < MIN_FUZZY_LENGTH || b.length < MIN_FUZZY_LENGTH) return false;
  return JaroWinklerDistance(a, b) >= SAME_WORD;
}

function byWording(records: readonly UnansweredRecord[], meaning?: (text: string) => QuestionMeaning): Map<string, Wording> {
  const wordings = new Map<string, Wording>();
  for (const record of records) {
    const key = normalizeQuestion(record.text);
    const wording = wordings.get(key);
    if (wording) {
      wording.records.push(record);
      if (record.time > wording.lastTime) wording.lastTime = record.time;
    } else {
      wordings.set(key, { tokens: questionTokens(key), ...(meaning ? { meaning: meaning(record.text) } : {}), records: [record], lastTime: record.time });
    }
  }
  return wordings;
}

function summarise(records: readonly UnansweredRecord[], maxVariants: number): QuestionGroup {
  const times = records.map((record) => record.time).sort();
  const texts = rank(records.map((record) => ({ value: record.text, time: record.time })));
  const bestGuesses = rank(records.flatMap((record) => (record.guesses[0] ? [{ value: record.guesses[0].intent, time: record.time }] : [])));
  const top = bestGuesses[0];
  return {
    representative: texts[0]!.value,
    count: records.length,
    conversations: new Set(records.map((record) => record.conversationId)).size,
    firstTime: times[0]!,
    lastTime: times[times.length - 1]!,
    variants: texts.slice(1, 1 + maxVariants).map((text) => text.value),
    ...(top ? { topGuess: { intent: top.value, count: top.count } } : {}),
  };
}

/** Distinct values, most frequent first, then the most recently seen. */
function rank(items: readonly { value: string; time: string }[]): { value: string; count: number }[] {
  const tally = new Map<string, { value: string; count: number; time: string }>();
  for (const { value, time } of items) {
    const entry = tally.get(value) ?? { value, count: 0, time };
    entry.count++;
    if (time > entry.time) entry.time = time;
    tally.set(value, entry);
  }
  return [...tally.values()].sort((a, b) => b.count - a.count || compareDesc(a.time, b.time) || a.value.localeCompare(b.value));
}

/** ISO times compare as strings; newest first. */
function compareDesc(a: string, b: string): number {
  return a < b ? 1 : a > b ? -1 : 0;
}

/**
 * Which language a message is written in, among the knowledge base's languages and a few others
 * only recognised to be declined. Each language has a word set: its stop words, and for the
 * knowledge base's own languages the words of their training texts. A word counts for every
 * language whose set has it, shared out among them ("la" is in the lists of it, es and fr; a model's
 * name is in no set, since names are left out). Short messages with no telling word say nothing, and
 * the conversation keeps its language.
 */
import { naturalStopWords } from './stopWords';
import { OTHER_FUNCTION_WORDS } from './others';
import { tokenize, type WordSplitting } from '../text';

/** Apostrophes split words, whatever the language: "dov'è", "l'auto", "what's". */
const ANY_LANGUAGE: WordSplitting = { prepare: (folded) => folded.replace(/'/g, ' ') };

/** Languages only recognised, to say which ones the bot speaks instead. */
const RECOGNISED_ONLY = ['en', 'it', 'es', 'fr', 'pt', 'nl', 'de', 'sv', 'no', 'pl'] as const;
/** A language takes over the conversation with at least this much evidence… */
const MIN_EVIDENCE = 1;
/** …and this much more than the conversation's language. */
const SWITCH_MARGIN = 0.5;

/**
 * The words of a language's own texts that tell it: names written in them ("Riverside Bicycle
 * Works", capitalised inside a sentence) left out, split as messages are.
 */
export function evidenceWords(texts: Iterable<string>, names: Iterable<string>): string[] {
  const nameWords = new Set([...names].flatMap((name) => tokenize(name, ANY_LANGUAGE).map((t) => t.norm)));
  const words = new Set<string>();
  for (const text of texts) {
    tokenize(text, ANY_LANGUAGE).forEach((t, at) => {
      if (!(at > 0 && /^\p{Lu}/u.test(t.surface) && nameWords.has(t.norm))) words.add(t.norm);
    });
  }
  return [...words];
}

export type Detected =
  /** Written in one of the knowledge base's languages. */
  | { readonly kind: 'supported'; readonly language: string }
  /** Written in a language the knowledge base does not speak. */
  | { readonly kind: 'unsupported'; readonly language: string }
  /** Nothing tells (a name, a number, a one-word message). */
  | { readonly kind: 'unknown' };

export interface DeclaredLanguage {
  readonly code: string;
  /** Words of the language's training texts, names left out. */
  readonly words: Iterable<string>;
}

export class LanguageDetector {
  private readonly sets = new Map<string, ReadonlySet<string>>();
  /** Word → the languages whose set has it: one lookup a word. */
  private readonly having = new Map<string, string[]>();
  private readonly supported: ReadonlySet<string>;

  /** @param names words of the knowledge base's names, which look the same in every language */
  constructor(declared: readonly DeclaredLanguage[], names: Iterable<string> = []) {
    const nameWords = new Set(names);
    for (const language of declared) {
      const set = new Set(naturalStopWords(language.code));
      for (const word of language.words) if (!nameWords.has(word) && /^\p{L}{2,}$/u.test(word)) set.add(word);
      this.sets.set(language.code, set);
    }
    this.supported = new Set(declared.map((l) => l.code));
    for (const code of RECOGNISED_ONLY) {
      if (this.supported.has(code)) continue;
      this.sets.set(code, new Set([...naturalStopWords(code), ...(OTHER_FUNCTION_WORDS[code] ?? [])]));
    }
    for (const [code, set] of this.sets) {
      for (const word of set) {
        const list = this.having.get(word);
        if (list) list.push(code);
        else this.having.set(word, [code]);
      }
    }
  }

  /** Evidence for each language: each distinct word shared out among the languages that have it. */
  scores(text: string): Map<string, number> {
    const scores = new Map<string, number>([...this.sets.keys()].map((code) => [code, 0]));
    const seen = new Set<string>();
    for (const { norm } of tokenize(text, ANY_LANGUAGE)) {
      if (seen.has(norm)) continue;
      seen.add(norm);
      const having = this.having.get(norm) ?? [];
      for (const code of having) scores.set(code, scores.get(code)! + 1 / having.length);
    }
    return scores;
  }

  /** The language of a message, given the conversation's language so far. */
  detect(text: string, current: string): Detected {
    const scores = this.scores(text);
    const ranked = [...scores].sort((a, b) => b[1] - a[1] || (a[0] === current ? -1 : b[0] === current ? 1 : 0));
    const [best, score] = ranked[0]!;
    if (score < MIN_EVIDENCE || best === current) return this.supported.has(best) && score >= MIN_EVIDENCE ? { kind: 'supported', language: best } : { kind: 'unknown' };
    if (score - (scores.get(current) ?? 0) < SWITCH_MARGIN) return { kind: 'unknown' };
    return this.supported.has(best) ? { kind: 'supported', language: best } : { kind: 'unsupported', language: best };
  }
}

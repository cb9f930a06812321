/**
 * Full-text search over the sources' sentences (BM25 on stems, with an inverted index so a
 * question costs time in proportion to its words, not to the size of the knowledge base).
 * The fallback answer: a verbatim, cited sentence when no curated intent fits.
 */
import { english, type LanguageModule } from '../nlu/languages';
import { words } from '../nlu/text';
import type { Sentence } from './schema';

export interface SearchHit<T = Sentence> {
  readonly sentence: T;
  readonly score: number;
  /** Distinct query stems the sentence contains. */
  readonly matched: number;
  /** Share of the question's weight (IDF of its content words) the sentence covers, 0–1. */
  readonly coverage: number;
}

/** Words that say what kind of question it is, not what it is about. */
const QUESTION_WORDS = new Set([
  'a', 'an', 'the', 'is', 'are', 'was', 'were', 'be', 'been', 'do', 'does', 'did', 'has', 'have', 'had', 'what', 'which',
  'who', 'whom', 'whose', 'where', 'when', 'why', 'how', 'of', 'in', 'on', 'at', 'to', 'for', 'by', 'with', 'from', 'and',
  'or', 'it', 'its', 'this', 'that', 'there', 'they', 'their', 'them', 'i', 'you', 'me', 'my', 'your', 'we', 'us', 'our',
  'can', 'could', 'will', 'would', 'should', 'tell', 'about', 'please', 'any', 'some', 'much', 'many', 'not', 'no', 'yes',
  'say', 'said', 'says', 'know', 'more', 'else', 'also', 'so', 'than', 'then', 'as', 'if', 'into', 'out', 'up', 'get',
]);

/** Another language's words that are not a topic: its little words and question words. */
const notTopics = new WeakMap<LanguageModule, ReadonlySet<string>>();

function notTopicWords(language: LanguageModule): ReadonlySet<string> {
  if (language === english) return QUESTION_WORDS;
  let found = notTopics.get(language);
  if (!found) notTopics.set(language, (found = new Set([...language.stopWords, ...language.questionWords, ...language.filler])));
  return found;
}

/** The words of a text that say what it is about. */
export function contentWords(text: string, language: LanguageModule = english): string[] {
  const skip = notTopicWords(language);
  // "how long", "how often", "how far" ask for a kind of answer, like "when": not a topic.
  return words(text, language).filter((w, i, all) => !skip.has(w) && !(all[i - 1] === 'how' && HOW_WORDS.has(w)));
}

export function contentStems(text: string, language: LanguageModule = english): string[] {
  return [...new Set(contentWords(text, language).map((w) => language.stem(w)))];
}

const HOW_WORDS = new Set(['long', 'often', 'far', 'old', 'big', 'soon']);

/** What a sentence is found by: its words, and its heading's and table columns' as context. */
export function sentenceContext(sentence: Sentence): string {
  return [sentence.text, sentence.section ?? '', ...(sentence.columns ?? [])].join(' ');
}

/** BM25 over any texts (sentences, FAQ entries): `textOf` says what each is found by. */
export class SentenceIndex<T = Sentence> {
  private readonly postings = new Map<string, { doc: number; tf: number }[]>();
  private readonly lengths: number[];
  private readonly averageLength: number;

  constructor(
    private readonly sentences: readonly T[],
    textOf: (item: T) => string = (item) => (item as Sentence).text,
    /** The sentences' language: how their words are split and stemmed. */
    private readonly language: LanguageModule = english,
    private readonly k1 = 1.2,
    private readonly b = 0.75,
  ) {
    const skip = notTopicWords(language);
    this.lengths = sentences.map((sentence, doc) => {
      const stems = words(textOf(sentence), language).filter((w) => !skip.has(w)).map((w) => language.stem(w));
      const counts = new Map<string, number>();
      for (const s of stems) counts.set(s, (counts.get(s) ?? 0) + 1);
      for (const [s, tf] of counts) {
        const list = this.postings.get(s);
        if (list) list.push({ doc, tf });
        else this.postings.set(s, [{ doc, tf }]);
      }
      return stems.length;
    });
    this.averageLength = this.lengths.reduce((a, n) => a + n, 0) / Math.max(1, this.lengths.length);
  }

  /** The best sentences for a question, best first. */
  search(question: string, limit = 3, extraStems: readonly string[] = []): SearchHit<T>[] {
    const n = this.sentences.length;
    const scores = new Map<number, { score: number; matched: number; weight: number }>();
    let totalWeight = 0;
    const asked = contentStems(question, this.language);
    // Synonyms of the question's words count for the sentences that have them, not for the question's weight.
    for (const s of [...asked, ...extraStems.filter((x) => !asked.includes(x))]) {
      const synonym = !asked.includes(s);
      const list = this.postings.get(s) ?? [];
      // A word no sentence has weighs the most: a sentence that lacks it cannot be the answer.
      const idf = Math.log(1 + (n - list.length + 0.5) / (list.length + 0.5)) * (synonym ? 0.5 : 1);
      if (!synonym) totalWeight += idf;
      for (const { doc, tf } of list) {
        const norm = tf * (this.k1 + 1) / (tf + this.k1 * (1 - this.b + (this.b * this.lengths[doc]!) / this.averageLength));
        const entry = scores.get(doc) ?? { score: 0, matched: 0, weight: 0 };
        entry.score += idf * norm;
        if (!synonym) entry.matched += 1;
        entry.weight += idf;
        scores.set(doc, entry);
      }
    }
    return [...scores.entries()]
      .sort((a, b) => b[1].score - a[1].score || a[0] - b[0])
      .slice(0, limit)
      .map(([doc, { score, matched, weight }]) => ({ sentence: this.sentences[doc]!, score, matched, coverage: totalWeight ? Math.min(1, weight / totalWeight) : 0 }));
  }
}

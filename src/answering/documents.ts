/**
 * Answers straight from the documents: one ranking over FAQ entries (matched on their question
 * and their answer) and passages (sentences, found with their heading as context), on lexical
 * coverage of the question's stems and their WordNet synonyms, the classifier's confidence, the
 * question's type, the entities named, and the source's date. A candidate that cannot be of the
 * type asked ("how much…?" and no amount) is never offered; below the acceptance score the bot
 * says it does not know.
 */
import { recency } from '../knowledge/compose';
import { contentStems, SentenceIndex, sentenceContext, type SearchHit } from '../knowledge/search';
import { factsBySource, quotes, type FaqItem, type Sentence } from '../knowledge/schema';
import type { FactStore } from '../knowledge/store';
import { EntityRecognizer, inMatch } from '../nlu/entities';
import { languageModule, type LanguageModule } from '../nlu/languages';
import { isTyped, questionType, satisfiesType, type QuestionType } from '../nlu/questionType';
import { PLACE_COLUMNS } from '../knowledge/ingest/english';
import { tokenize } from '../nlu/text';
import type { Analysis } from '../nlu/understanding';

/** Below this, no candidate is trusted. Checked on the development half of the document evaluation (test/eval/documents.yaml). */
export const ACCEPT_SCORE = 0.5;
/** A newer source's candidate replaces an older one when it scores at least this share of it. */
const NEWER_SHARE = 0.75;
const PASSAGE_WEIGHT = 0.85;
/** A passage answers only if it covers most of what the question asks about (IDF-weighted). */
const MIN_PASSAGE_COVERAGE = 0.6;
const TYPE_MISMATCH_PENALTY = 0.6;
const ENTITY_BONUS = 0.1;
/** An FAQ entry that shares fewer of the question's words than this is trusted only on the classifier's word, discounted. */
const FAQ_MIN_COVERAGE = 0.3;
const CLASSIFIER_ONLY_WEIGHT = 0.6;
/** A question with words the knowledge never uses is mostly about something else. */
const UNHEARD_PENALTY = 0.7;
/** Share of the question and curated answer's words a newer passage must cover to replace the curated answer. */
const NEWER_COVERAGE = 0.3;

export type DocumentCandidate =
  | { readonly kind: 'faq'; readonly item: FaqItem; readonly score: number; readonly source: string }
  | { readonly kind: 'passage'; readonly sentence: Sentence; readonly score: number; readonly source: string };

export interface Selection {
  readonly best?: DocumentCandidate;
  /** An older source's different answer to the same question, mentioned after the newer one. */
  readonly older?: DocumentCandidate;
  readonly type: QuestionType;
}

/** The text a candidate answers with: an FAQ entry's answer, a sentence, a table row with its columns. */
export function candidateText(candidate: DocumentCandidate): string {
  if (candidate.kind === 'faq') return candidate.item.answer;
  const { sentence } = candidate;
  if (sentence.cells && sentence.columns) {
    return sentence.cells.map((cell, i) => (sentence.columns![i] ? `${sentence.columns![i]}: ${cell}` : cell)).join('; ');
  }
  return sentence.text;
}

/** Whether the knowledge is seen in another language than its documents' (a view made by localize()). */
export function isCrossLingual(data: { readonly language?: string; readonly languages?: readonly string[] }): boolean {
  return data.language !== undefined && data.language !== data.languages?.[0];
}

/** The language the documents are written in: the knowledge base's first. */
export function sourcesLanguage(data: { readonly languages?: readonly string[] }): string | undefined {
  return data.languages?.[0];
}

/** The language questions are asked in: a view's own, else the documents'. */
export function questionLanguage(data: { readonly language?: string; readonly languages?: readonly string[] }): string | undefined {
  return data.language ?? sourcesLanguage(data);
}

/**
 * Across languages only names meet a source's words: the entities a question names and the words
 * written like names ("ACME", "X200", "Gazette"). A passage must then meet two of them.
 */
function namesOf(analysis: Analysis): string {
  const nameLike = analysis.tokens.filter((t, at) => inMatch(analysis.entities, at) || (at > 0 && /^\p{Lu}/u.test(t.surface)) || /\p{N}/u.test(t.surface));
  return nameLike.map((t) => t.surface).join(' ');
}

export class DocumentAnswers {
  private readonly faq: SentenceIndex<FaqItem>;
  private readonly passages: SentenceIndex<Sentence>;
  /** Entities each sentence names, for the entity-overlap test. */
  private readonly named = new Map<string, ReadonlySet<string>>();
  private readonly faqIntent = new Map<string, string>();
  /** Sentences a curated fact quotes: curation already answers from them. */
  private readonly curated = new Set<string>();
  /** The passages naming each entity, in their sources' order. */
  private readonly naming = new Map<string, Sentence[]>();
  /** Questions come in another language than the documents': their words cannot meet an FAQ entry's. */
  private readonly crossLingual: boolean;
  /** The documents' language, and the questions'. */
  private readonly sources: LanguageModule;
  private readonly questions: LanguageModule;

  constructor(private readonly store: FactStore) {
    this.crossLingual = isCrossLingual(store.data);
    this.questions = languageModule(questionLanguage(store.data));
    const sources = (this.sources = languageModule(sourcesLanguage(store.data)));
    const items = store.data.intents.flatMap((intent) => (intent.kind === 'faq' ? [store.faqItem(intent.faqItem)!] : []));
    for (const intent of store.data.intents) if (intent.kind === 'faq') this.faqIntent.set(intent.faqItem, intent.id);
    // The question twice: a visitor's words meet the question first, the answer second.
    this.faq = new SentenceIndex(items, (item) => `${item.question} ${item.question} ${item.answer}`, sources);
    const faqAnswers = new Map<string, string[]>();
    for (const item of store.data.faq) faqAnswers.set(item.source, [...(faqAnswers.get(item.source) ?? []), item.answer]);
    const inFaq = (s: Sentence) => (faqAnswers.get(s.source) ?? []).some((answer) => answer.includes(s.text));
    const passages = store.data.sentences.filter((s) => !inFaq(s));
    this.passages = new SentenceIndex(passages, sentenceContext, sources);
    const recognizer = new EntityRecognizer(store.data.entities, sources);
    const namesIn = (text: string) => new Set(recognizer.recognize(tokenize(text, sources)).flatMap((m) => m.entities.map((e) => e.id)));
    for (const sentence of passages) this.named.set(sentence.id, namesIn(sentence.text));
    for (const sentence of passages) for (const id of this.named.get(sentence.id)!) this.naming.set(id, [...(this.naming.get(id) ?? []), sentence]);
    for (const item of items) this.named.set(item.id, namesIn(`${item.question} ${item.answer}`));
    const curatedFacts = factsBySource(store.data.facts.filter((f) => !f.extracted));
    for (const sentence of passages) if ((curatedFacts.get(sentence.source) ?? []).some((f) => quotes(f, sentence))) this.curated.add(sentence.id);
  }

  /** The best document answer to a question, and an older one it replaces. */
  select(question: string, analysis: Analysis, options: { onlyUncurated?: boolean } = {}): Selection {
    const type = questionType(question, this.questions.questionTypes);
    const synonyms = analysis.features.filter((f) => /^[\p{L}\p{N}]+$/u.test(f));
    const asked = new Set(analysis.entities.flatMap((m) => m.entities.map((e) => e.id)));
    const classifier = new Map(analysis.ranking.map((p) => [p.label, p.score]));
    const candidates: DocumentCandidate[] = [];
    if (!options.onlyUncurated) {
      const hits = this.faq.search(question, 10, synonyms);
      for (const [faqId, intentId] of this.faqIntent) {
        if (classifier.has(intentId) && !hits.some((h) => h.sentence.id === faqId)) hits.push({ sentence: this.store.faqItem(faqId)!, score: 0, matched: 0, coverage: 0 });
      }
      // "Where are you?" names no topic: the classifier's word is all there is.
      const topicless = contentStems(question, this.questions).length === 0;
      for (const hit of hits) candidates.push(this.faqCandidate(hit, type, classifier, asked, analysis.intent, topicless));
    }
    const passageQuery = this.crossLingual ? namesOf(analysis) : question;
    for (const hit of passageQuery ? this.passages.search(passageQuery, 8, this.crossLingual ? [] : synonyms) : []) {
      const candidate = this.crossLingual && hit.matched < 2 ? undefined : this.passageCandidate(hit, type, asked);
      if (candidate && !(options.onlyUncurated && this.curated.has(hit.sentence.id))) candidates.push(candidate);
    }
    // A question about something the knowledge never mentions, not even by a synonym, is not answered from it.
    const unheardPenalty = analysis.unheard.length > 0 ? UNHEARD_PENALTY : 1;
    const ranked = candidates.map((c) => ({ ...c, score: c.score * unheardPenalty })).filter((c) => c.score >= ACCEPT_SCORE).sort((a, b) => b.score - a.score);
    const top = ranked[0];
    if (!top) return { type };
    // Newer sources win: a newer source's answer nearly as good replaces the best, which is mentioned.
    const newer = ranked
      .filter((c) => c.kind === top.kind && c.source !== top.source && this.date(c) > this.date(top) && c.score >= NEWER_SHARE * top.score && candidateText(c) !== candidateText(top))
      .sort((a, b) => this.date(b) - this.date(a))[0];
    if (newer) return { best: newer, older: top, type };
    const older = ranked.find((c) => c.kind === top.kind && c.source !== top.source && this.date(c) < this.date(top) && c.score >= NEWER_SHARE * top.score && this.sameSubject(c, top));
    return older ? { best: top, older, type } : { best: top, type };
  }

  /**
   * An un-curated passage from a source newer than `after` that answers the same question as a
   * curated answer: it shares words with the question and with the curated answer's quotes
   * together, names what the question is about, and is of the type asked.
   */
  newerPassage(question: string, curatedQuotes: readonly string[], analysis: Analysis, subjects: ReadonlySet<string>, after: number): Sentence | undefined {
    const type = questionType(question, this.questions.questionTypes);
    // The question's own words, without the names it mentions: shared names alone are not a shared topic.
    const mentioned = new Set(analysis.entities.flatMap((m) => contentStems(m.text, this.sources)));
    const own = new Set(contentStems(question, this.sources).filter((s) => !mentioned.has(s)));
    const hits = this.passages.search(`${question} ${curatedQuotes.join(' ')}`, 12);
    const found = hits.find((hit) =>
      !this.curated.has(hit.sentence.id) &&
      recency(this.store.source(hit.sentence.source)) > after &&
      hit.coverage >= NEWER_COVERAGE &&
      contentStems(hit.sentence.text, this.sources).some((s) => own.has(s)) &&
      this.names(hit.sentence).some((id) => subjects.has(id)) &&
      this.passageFits(type, hit.sentence));
    return found?.sentence;
  }

  /** Whether a sentence names an entity, or the first word of its name (a plant by its town). */
  mentions(sentence: Sentence, entity: { id: string; name: string } | undefined): boolean {
    if (!entity) return false;
    const first = contentStems(entity.name, this.sources)[0];
    return this.names(sentence).includes(entity.id) || (first !== undefined && contentStems(sentence.text, this.sources).includes(first));
  }

  /** The passages that name an entity, in their sources' order. */
  passagesNaming(entityId: string): readonly Sentence[] {
    return this.naming.get(entityId) ?? [];
  }

  /** The entities a sentence names. */
  names(sentence: Sentence): string[] {
    return [...(this.named.get(sentence.id) ?? [])];
  }

  private date(candidate: DocumentCandidate): number {
    return recency(this.store.source(candidate.source));
  }

  private sameSubject(a: DocumentCandidate, b: DocumentCandidate): boolean {
    if (a.kind !== 'passage' || b.kind !== 'passage') return false;
    const x = this.named.get(a.sentence.id)!;
    return [...this.named.get(b.sentence.id)!].some((id) => x.has(id));
  }

  private faqCandidate(hit: SearchHit<FaqItem>, type: QuestionType, classifier: ReadonlyMap<string, number>, asked: ReadonlySet<string>, accepted: string, topicless: boolean): DocumentCandidate {
    const lexical = hit.matched >= 1 ? hit.coverage : 0;
    const intentId = this.faqIntent.get(hit.sentence.id) ?? '';
    const learnt = classifier.get(intentId) ?? 0;
    // The classifier alone, with none of the question's words in the entry, is weak evidence,
    // unless it is sure enough to pass its calibrated threshold and the entry shares a word.
    const trusted = accepted === intentId && (hit.matched >= 1 || this.crossLingual || topicless);
    // Across languages the classifier's calibrated acceptance is all the evidence there is.
    const combined = this.crossLingual
      ? (trusted ? Math.max(ACCEPT_SCORE, learnt) : learnt * CLASSIFIER_ONLY_WEIGHT)
      : lexical < FAQ_MIN_COVERAGE && !trusted ? learnt * CLASSIFIER_ONLY_WEIGHT : 1 - (1 - lexical * 0.9) * (1 - learnt);
    const typed = satisfiesType(type, hit.sentence.answer, this.sources.answerPatterns) ? 1 : TYPE_MISMATCH_PENALTY;
    // A question naming something the entry never mentions is about something else.
    const names = this.named.get(hit.sentence.id)!;
    const offTopic = asked.size > 0 && ![...asked].some((id) => names.has(id)) ? TYPE_MISMATCH_PENALTY : 1;
    return { kind: 'faq', item: hit.sentence, source: hit.sentence.source, score: combined * typed * offTopic };
  }

  /** Whether a passage can be an answer of the type asked; a table row by its columns too. */
  private passageFits(type: QuestionType, sentence: Sentence): boolean {
    if (!isTyped(type) || satisfiesType(type, sentence.text, this.sources.answerPatterns)) return true;
    if (!sentence.cells || !sentence.columns) return false;
    if (type === 'where') return sentence.columns.some((c) => PLACE_COLUMNS.test(c));
    return sentence.cells.some((cell) => satisfiesType(type, cell, this.sources.answerPatterns)) || satisfiesType(type, sentence.columns.join(' '), this.sources.answerPatterns);
  }

  private passageCandidate(hit: SearchHit<Sentence>, type: QuestionType, asked: ReadonlySet<string>): DocumentCandidate | undefined {
    // A sentence of the wrong type never answers: no amount, no answer to "how much".
    if (!this.passageFits(type, hit.sentence)) return undefined;
    const names = this.named.get(hit.sentence.id)!;
    const overlap = [...asked].some((id) => names.has(id));
    // A question about something named is not answered by a sentence about something else.
    if (asked.size > 0 && !overlap) return undefined;
    if ((hit.matched < 2 && hit.coverage < 1) || hit.coverage < MIN_PASSAGE_COVERAGE) return undefined;
    const score = hit.coverage * PASSAGE_WEIGHT + (overlap ? ENTITY_BONUS : 0);
    return { kind: 'passage', sentence: hit.sentence, source: hit.sentence.source, score };
  }
}

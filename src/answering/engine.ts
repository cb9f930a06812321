/**
 * The answering engine: understands a question in the light of the conversation so far and
 * answers it from the fact store, the FAQ or the sources' sentences, or says it does not know.
 * Domain-free and free of bot SDK types.
 */
import { AnswerComposer, citationsOf, fill, joinList, recency, type Citation } from '../knowledge/compose';
import { SEARCH } from '../knowledge/build';
import { answerParts, unreachable, type BotTexts, type Entity, type Fact, type FactsIntent, type FaqIntent, type IntentDef, type SmalltalkIntent } from '../knowledge/schema';
import type { FactStore } from '../knowledge/store';
import type { EntityMatch } from '../nlu/entities';
import { NONE, type Analysis, type Understanding } from '../nlu/understanding';
import { normalize } from '../nlu/text';
import { candidateText, DocumentAnswers, type DocumentCandidate } from './documents';
import { expandFragment, isEntityFragment, questionWordFragment } from './followUp';
import { quoteUserText } from './markdown';
import { emptyTrace, traceOf } from './trace';
import type { Choice, ConversationMemory, PendingQuestion, Reply, Trace } from './types';

/** Longest message read; the rest is ignored (and the user told so). */
export const MAX_MESSAGE_LENGTH = 500;
const YES_NO_STARTS = new Set(['is', 'are', 'was', 'were', 'does', 'do', 'did', 'will', 'can', 'could', 'has', 'have', 'would', 'should']);
const ELSE_WORDS = new Set(['else', 'other', 'others', 'another', 'besides']);
/** Two intents closer than this (and neither clearly confident) are offered as "Did you mean…". */
const AMBIGUITY_MARGIN = 0.05;
const CONFIDENT = 0.6;
const MAX_SUGGESTIONS = 3;
/** Entities remembered for "it", "there", "that"… */
const MAX_REMEMBERED = 12;
/** Most words unknown (neither the knowledge base's nor English): another language or gibberish. */
const FOREIGN_SHARE = 0.5;

interface Resolved {
  readonly analysis: Analysis;
  /** The question as understood, with a follow-up fragment expanded. */
  readonly question: string;
}

export class AnswerEngine {
  private readonly composer: AnswerComposer;
  private readonly documents: DocumentAnswers;
  /** Normalised knowledge texts (never a user's message), so the map is bounded by the knowledge. */
  private readonly normalizedTexts = new Map<string, string>();

  constructor(
    private readonly store: FactStore,
    private readonly understanding: Understanding,
  ) {
    this.composer = new AnswerComposer(store, store.data.bot);
    this.documents = new DocumentAnswers(store);
  }

  /** The bot's own texts (welcome, labels) from the knowledge base. */
  get texts(): BotTexts {
    return this.store.data.bot;
  }

  /** Answers a message, given what the conversation remembers. */
  ask(message: string, memory: ConversationMemory = {}): Reply {
    const trimmed = message.replace(/\s+/g, ' ').trim();
    if (!trimmed || !/[\p{L}\p{N}]/u.test(trimmed)) {
      return this.unknown(trimmed, emptyTrace(trimmed, 'empty'), this.texts.empty);
    }
    const text = trimmed.length > MAX_MESSAGE_LENGTH ? trimmed.slice(0, MAX_MESSAGE_LENGTH) : trimmed;
    const resolved = this.resolve(text, memory);
    const reply = this.route(resolved, memory);
    return text === trimmed ? reply : { ...reply, text: `${this.texts.tooLong} ${reply.text}` };
  }

  /** Answers a clarification: the reply should name one of the choices offered. */
  answerClarification(pending: PendingQuestion, message: string, memory: ConversationMemory = {}): Reply {
    const analysis = this.understanding.analyse(message);
    const named = analysis.entities.flatMap((m) => m.entities).find((e) => pending.type.includes(e.type));
    if (named) {
      return this.answerIntent(pending.intent, pending.question, memory, [this.store.entity(named.id)!]);
    }
    if (analysis.intent !== NONE && analysis.intent !== SEARCH && analysis.score >= CONFIDENT && !isEntityFragment(analysis)) {
      return this.ask(message, memory); // a new question instead of an answer
    }
    const trace = traceOf(analysis, message, [], 'clarification-unknown');
    return this.unknown(message, trace, fill(this.texts.unknownThing, { name: quoteUserText(message.replace(/[?.!\s]+$/, '')) }));
  }

  /** Answers a question as a given intent (a "Did you mean…" choice). */
  answerIntent(intentId: string, question: string, memory: ConversationMemory = {}, subjects?: readonly Entity[]): Reply {
    const analysis = this.understanding.analyse(question);
    const forced: Analysis = { ...analysis, intent: intentId, score: 1 };
    const intent = this.store.intent(intentId);
    if (!intent) return this.unknown(question, traceOf(analysis, question, [], 'unknown-intent'));
    return this.answerWith(intent, { analysis: forced, question }, memory, subjects);
  }

  /** "I don't know" for a question, with questions that can be answered. */
  dontKnow(question: string): Reply {
    return this.unknown(question, emptyTrace(question, 'declined'));
  }

  private resolve(text: string, memory: ConversationMemory): Resolved {
    const analysis = this.understanding.analyse(text);
    const fragment = isEntityFragment(analysis) || questionWordFragment(analysis) !== undefined;
    if (fragment && memory.question) {
      const expanded = expandFragment(analysis, this.understanding.analyse(memory.question));
      if (expanded) return { analysis: this.understanding.analyse(expanded), question: expanded };
    }
    return { analysis, question: text };
  }

  private route(resolved: Resolved, memory: ConversationMemory): Reply {
    const { analysis } = resolved;
    const intent = this.store.intent(analysis.intent);
    if (intent?.kind === 'facts' || intent?.kind === 'faq') {
      const ambiguous = this.ambiguity(resolved);
      if (ambiguous) return ambiguous;
    }
    if (!intent || intent.kind === 'none' || intent.kind === 'faq') {
      if (isEntityFragment(analysis)) return this.aboutTopic(resolved, memory);
      if (analysis.foreign || (analysis.unknownShare >= FOREIGN_SHARE && analysis.tokens.length >= 2)) {
        return this.unknown(resolved.question, traceOf(analysis, resolved.question, [], 'not-understood'), this.texts.notUnderstood);
      }
      return this.searchOrUnknown(resolved, memory);
    }
    const reply = this.answerWith(intent, resolved, memory);
    return reply.kind === 'answer' && intent.kind === 'facts' ? this.newerDocument(reply, resolved, memory) : reply;
  }

  /**
   * Newer sources win over curation too: when a document newer than every source of a curated
   * answer answers the same question about the same thing, its answer is given, with its date,
   * and the curated one is mentioned with its source.
   */
  private newerDocument(reply: Reply & { kind: 'answer' }, resolved: Resolved, memory: ConversationMemory): Reply {
    const newest = Math.max(...reply.citations.map((c) => recency(this.store.source(c.source))));
    const subjectIds = reply.memory.subjects ?? [];
    const subjects = new Set([...subjectIds, ...resolved.analysis.entities.flatMap((m) => m.entities.map((e) => e.id))]);
    const quotes = (reply.memory.facts ?? []).map((id) => this.store.fact(id)?.quote ?? '');

    const passage = this.documents.newerPassage(resolved.question, quotes, resolved.analysis, subjects, newest);
    if (!passage) return reply;
    // A newer passage naming the same answers agrees with the curated one: nothing to replace.
    const facts = (reply.memory.facts ?? []).map((id) => this.store.fact(id)).filter((f): f is Fact => f !== undefined);
    const objects = [...new Set(facts.flatMap((f) => [f.subject, f.object ?? '']))].filter((id) => id && !subjectIds.includes(id));
    if (objects.length > 0 && objects.every((id) => this.documents.mentions(passage, this.store.entity(id)))) return reply;
    const older = reply.citations[0]!;
    const note = fill(this.texts.quotedNote, { source: `“${older.title}”`, date: older.date, quote: reply.text });
    const chosen = this.documentReply({ kind: 'passage', sentence: passage, source: passage.source, score: 1 }, resolved, memory, true);
    return chosen.kind === 'answer' ? { ...chosen, text: `${chosen.text} ${note}`, citations: [...chosen.citations, ...reply.citations] } : chosen;
  }

  private answerWith(intent: IntentDef, resolved: Resolved, memory: ConversationMemory, subjects?: readonly Entity[]): Reply {
    switch (intent.kind) {
      case 'smalltalk':
        return this.smalltalk(intent, resolved);
      case 'provenance':
        return this.provenance(resolved, memory);
      case 'faq':
        return this.faqAnswer(intent, resolved, memory);
      case 'facts':
        return this.factAnswer(intent, resolved, memory, subjects);
      case 'none':
        return this.searchOrUnknown(resolved, memory);
      default:
        return unreachable(intent);
    }
  }

  private ambiguity(resolved: Resolved): Reply | undefined {
    const [first, second] = resolved.analysis.ranking;
    if (!first || !second || first.score >= CONFIDENT || first.score - second.score >= AMBIGUITY_MARGIN) return undefined;
    if (second.score < this.understanding.threshold) return undefined;
    const options = [first, second].map((p) => this.store.intent(p.label));
    if (options.some((o) => !o || (o.kind !== 'facts' && o.kind !== 'faq') || !o.label)) return undefined;
    const choices: Choice[] = options.map((o) => ({ title: o!.label!, value: o!.id }));
    return {
      kind: 'ambiguous',
      text: this.texts.didYouMean,
      choices,
      question: resolved.question,
      suggestions: [],
      trace: traceOf(resolved.analysis, resolved.question, [], 'ambiguous'),
    };
  }

  private smalltalk(intent: SmalltalkIntent, resolved: Resolved): Reply {
    const replies = intent.reply.length ? intent.reply : [this.texts.unknown];
    // Vary the reply with the message, but deterministically.
    const pick = [...resolved.question].reduce((sum, c) => sum + c.charCodeAt(0), 0) % replies.length;
    return {
      kind: 'smalltalk',
      text: replies[pick]!,
      suggestions: intent.followUps ?? this.texts.starterQuestions,
      trace: traceOf(resolved.analysis, resolved.question, [], 'smalltalk'),
    };
  }

  private provenance(resolved: Resolved, memory: ConversationMemory): Reply {
    const facts = (memory.facts ?? []).map((id) => this.store.fact(id)).filter((f): f is Fact => f !== undefined);
    const sourceIds = [...new Set([...facts.map((f) => f.source), ...(memory.sources ?? [])])];
    const trace = traceOf(resolved.analysis, resolved.question, facts.map((f) => f.id), 'provenance');
    if (sourceIds.length === 0) {
      return { kind: 'smalltalk', text: this.texts.noProvenance, suggestions: this.texts.starterQuestions, trace };
    }
    const citations = citationsOf(this.store, sourceIds.map((source) => ({ source }) as Fact));
    const cite = (c: Citation) => `“${c.title}” (${c.date})`;
    const speakers = [...new Set(facts.flatMap((f) => (f.saidBy ? [f.saidBy] : [])))];
    const saidBy = speakers.map((id) => {
      const source = this.store.source(facts.find((f) => f.saidBy === id)!.source)!;
      return fill(this.texts.saidBy, { speaker: this.store.entity(id)?.name ?? id, source: cite({ source: source.id, title: source.title, date: source.date }) });
    });
    const text = saidBy.length ? saidBy.join(' ') : fill(this.texts.provenance, { sources: joinList(citations.map(cite)) });
    return { kind: 'answer', text, citations, suggestions: [], memory, trace };
  }

  private faqAnswer(intent: FaqIntent, resolved: Resolved, memory: ConversationMemory): Reply {
    const item = this.store.faqItem(intent.faqItem)!;
    const source = this.store.source(item.source)!;
    return {
      kind: 'answer',
      text: item.answer,
      citations: [{ source: source.id, title: source.title, date: source.date }],
      suggestions: this.suggestionsFor(intent, resolved.question),
      memory: { question: resolved.question, intent: intent.id, recent: memory.recent ?? [], subjects: [], facts: [], sources: [source.id] },
      trace: traceOf(resolved.analysis, resolved.question, [], 'faq'),
    };
  }

  /** The entities a part is about: named in the question, else the latest remembered, else the only one of its type. */
  private subjectsFor(types: readonly string[], analysis: Analysis, memory: ConversationMemory): Entity[] {
    const named = this.entitiesIn(analysis.entities).filter((e) => types.includes(e.type));
    if (named.length) return named;
    const remembered = (memory.recent ?? []).map((id) => this.store.entity(id)).find((e) => e && types.includes(e.type));
    if (remembered) return [remembered];
    const all = types.flatMap((type) => this.store.entitiesOfType(type));
    return all.length === 1 ? all : [];
  }

  private entitiesIn(matches: readonly EntityMatch[]): Entity[] {
    const ids = [...new Set(matches.flatMap((m) => m.entities.map((e) => e.id)))];
    return ids.map((id) => this.store.entity(id)).filter((e): e is Entity => e !== undefined);
  }

  private factAnswer(intent: FactsIntent, resolved: Resolved, memory: ConversationMemory, given?: readonly Entity[]): Reply {
    const { analysis, question } = resolved;
    const words = analysis.tokens.map((t) => t.norm);
    const yesNo = YES_NO_STARTS.has(words[0] ?? '');
    const exclude = words.some((w) => ELSE_WORDS.has(w)) ? memory.subjects ?? [] : [];
    const numbers = words.filter((w) => /^\d+$/.test(w));
    const texts: string[] = [];
    const facts: Fact[] = [];
    const subjects: Entity[] = [];
    const objects: Entity[] = [];
    let verdict: boolean | undefined;
    let verdictWords = { yes: this.texts.yes, no: this.texts.no };
    for (const part of intent.answer) {
      const types = [part.about].flat();
      const partSubjects = given?.filter((e) => types.includes(e.type)) ?? this.subjectsFor(types, analysis, memory);
      if (partSubjects.length === 0) {
        if (texts.length) continue;
        return this.clarify(intent, types, resolved);
      }
      const mentioned = this.entitiesIn(analysis.entities);
      for (const subject of partSubjects) {
        const check = yesNo ? mentioned.find((e) => !partSubjects.some((s) => s.id === e.id)) : undefined;
        const composed = this.composer.compose({ part, subject, check, exclude, values: yesNo ? numbers : [] });
        if (!composed) continue;
        texts.push(composed.text);
        facts.push(...composed.facts, ...composed.notes);
        subjects.push(subject);
        objects.push(...composed.objects);
        if (composed.holds !== undefined) {
          if (verdict === undefined) verdictWords = { yes: part.yes ?? this.texts.yes, no: part.no ?? this.texts.no };
          verdict = (verdict ?? true) && composed.holds;
        }
      }
    }
    const trace = traceOf(analysis, question, facts.map((f) => f.id), 'facts');
    if (texts.length === 0) {
      const names = given ?? this.entitiesIn(analysis.entities);
      return this.unknown(question, trace, fill(this.texts.noFacts, { subject: names.length ? joinList(names.map((e) => e.name)) : '…' }));
    }
    const prefix = verdict === undefined ? '' : `${verdict ? verdictWords.yes : verdictWords.no} `;
    const recent = [...new Set([...subjects, ...objects].map((e) => e.id).concat(memory.recent ?? []))].slice(0, MAX_REMEMBERED);
    return {
      kind: 'answer',
      text: prefix + texts.join(' '),
      citations: citationsOf(this.store, facts),
      suggestions: this.suggestionsFor(intent, question),
      memory: { question, intent: intent.id, recent, subjects: subjects.map((s) => s.id), facts: [...new Set(facts.map((f) => f.id))], sources: [] },
      trace,
    };
  }

  private clarify(intent: FactsIntent, types: readonly string[], resolved: Resolved): Reply {
    const relations = new Set(intent.answer.map((p) => p.relation));
    // Offer only entities the answer has facts for: every choice must lead to an answer.
    const choices = types
      .flatMap((type) => this.store.entitiesOfType(type))
      .filter((e) => this.store.data.facts.some((f) => relations.has(f.relation) && (f.subject === e.id || f.object === e.id)))
      .map((e) => ({ title: e.name, value: e.name }));
    const trace = traceOf(resolved.analysis, resolved.question, [], 'clarify');
    if (choices.length === 0) return this.unknown(resolved.question, trace);
    // One possible answer needs no question back.
    if (choices.length === 1) {
      const only = types.flatMap((type) => this.store.entitiesOfType(type)).find((e) => e.name === choices[0]!.value)!;
      return this.factAnswer(intent, resolved, {}, [only]);
    }
    return {
      kind: 'clarify',
      text: intent.clarify ?? this.texts.clarifyChoices,
      choices,
      pending: { question: resolved.question, intent: intent.id, type: types },
      suggestions: [],
      trace,
    };
  }

  /** A message naming only an entity: offer the questions the knowledge can answer about it. */
  private aboutTopic(resolved: Resolved, memory: ConversationMemory): Reply {
    const entity = this.entitiesIn(resolved.analysis.entities)[0]!;
    const questions = this.store.data.intents
      .filter((i) => answerParts(i).some((p) => [p.about].flat().includes(entity.type)))
      .flatMap((i) => i.examples.filter((e) => this.normalized(e).includes(this.normalized(entity.name))).slice(0, 1));
    const trace = traceOf(resolved.analysis, resolved.question, [], 'topic');
    if (questions.length === 0) return this.searchOrUnknown(resolved, memory);
    return {
      kind: 'clarify',
      text: fill(this.texts.aboutTopic, { subject: entity.name }),
      choices: questions.slice(0, MAX_SUGGESTIONS).map((q) => ({ title: q, value: q })),
      pending: { question: resolved.question, intent: NONE, type: [] },
      suggestions: [],
      trace,
    };
  }

  /** The best answer the documents give (an FAQ entry or a passage), newer sources first; else "I don't know". */
  private searchOrUnknown(resolved: Resolved, memory: ConversationMemory): Reply {
    const { best, older } = this.documents.select(resolved.question, resolved.analysis);
    if (!best) return this.unknown(resolved.question, traceOf(resolved.analysis, resolved.question, [], 'unknown'));
    const reply = this.documentReply(best, resolved, memory, older !== undefined && recency(this.store.source(older.source)) < recency(this.store.source(best.source)));
    if (!older || reply.kind !== 'answer') return reply;
    const source = this.store.source(older.source)!;
    const note = fill(this.texts.quotedNote, { source: `“${source.title}”`, date: source.date, quote: candidateText(older) });
    return { ...reply, text: `${reply.text} ${note}`, citations: [...reply.citations, { source: source.id, title: source.title, date: source.date }] };
  }

  /** A reply from one document candidate; `dated` says where it comes from first (it won over an older source). */
  private documentReply(candidate: DocumentCandidate, resolved: Resolved, memory: ConversationMemory, dated: boolean): Reply {
    const { analysis, question } = resolved;
    const source = this.store.source(candidate.source)!;
    const citations = [{ source: source.id, title: source.title, date: source.date }];
    const lead = dated ? fill(this.texts.accordingTo, { source: `“${source.title}”`, date: source.date }) : this.texts.searchIntro;
    const faqIntent = candidate.kind === 'faq' ? this.store.data.intents.find((i) => i.kind === 'faq' && i.faqItem === candidate.item.id) : undefined;
    const text = candidate.kind === 'faq' ? (dated ? `${lead} ${candidate.item.answer}` : candidate.item.answer) : `${lead} “${candidateText(candidate)}”`;
    const named = candidate.kind === 'passage' ? this.documents.names(candidate.sentence) : [];
    return {
      kind: 'answer',
      text,
      citations,
      suggestions: faqIntent ? this.suggestionsFor(faqIntent, question) : this.texts.starterQuestions.filter((q) => normalize(q) !== normalize(question)).slice(0, MAX_SUGGESTIONS),
      memory: { question, intent: faqIntent?.id ?? SEARCH, recent: [...new Set([...named, ...(memory.recent ?? [])])].slice(0, MAX_REMEMBERED), subjects: [], facts: [], sources: [source.id] },
      trace: traceOf(analysis, question, [candidate.kind === 'faq' ? candidate.item.id : candidate.sentence.id], candidate.kind === 'faq' ? 'faq' : 'search'),
    };
  }

  private unknown(question: string, trace: Trace, text: string = this.texts.unknown): Reply {
    const asked = normalize(question);
    const starters = this.texts.starterQuestions.filter((q) => this.normalized(q) !== asked);
    return { kind: 'unknown', text, suggestions: starters.slice(0, MAX_SUGGESTIONS), trace };
  }

  private suggestionsFor(intent: IntentDef, question: string): string[] {
    const asked = lettersAndDigits(normalize(question));
    return (intent.followUps ?? this.texts.starterQuestions)
      .filter((q) => lettersAndDigits(this.normalized(q)) !== asked)
      .slice(0, MAX_SUGGESTIONS);
  }

  /** The normalised form of one of the knowledge base's own texts (a suggestion, an example, a name): worked out once. */
  private normalized(text: string): string {
    let found = this.normalizedTexts.get(text);
    if (found === undefined) {
      found = normalize(text);
      this.normalizedTexts.set(text, found);
    }
    return found;
  }
}

function lettersAndDigits(normal: string): string {
  return normal.replace(/[^a-z0-9 ]/g, '');
}

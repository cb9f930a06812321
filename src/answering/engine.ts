/**
 * The answering engine: understands a question in the light of the conversation so far and
 * answers it from the fact store, the FAQ or the sources' sentences, or says it does not know.
 * Domain-free and free of bot SDK types.
 */
import { fill } from '../knowledge/compose';
import { SEARCH } from '../knowledge/build';
import { answerParts, unreachable, type BotTexts, type Entity, type IntentDef } from '../knowledge/schema';
import type { FactStore } from '../knowledge/store';
import { NONE, type Analysis, type Understanding } from '../nlu/understanding';
import { AnswerContext, MAX_SUGGESTIONS, type Resolved } from './context';
import { newerDocument, searchOrUnknown } from './documentAnswer';
import { factAnswer } from './factAnswer';
import { faqAnswer } from './faqAnswer';
import { frameOf } from './frame';
import { expandFragment, isEntityFragment, questionWordFragment } from './followUp';
import { quoteUserText } from './markdown';
import { IntentGuards } from './moves/guards';
import { ConversationMoves } from './moves';
import { topicReply } from './moves/topic';
import { provenance } from './provenanceAnswer';
import { smalltalk } from './smalltalkAnswer';
import { emptyTrace, traceOf } from './trace';
import type { Choice, ConversationMemory, PendingQuestion, Reply } from './types';

/** Longest message read; the rest is ignored (and the user told so). */
export const MAX_MESSAGE_LENGTH = 500;
/** Two intents closer than this (and neither clearly confident) are offered as "Did you mean…". */
const AMBIGUITY_MARGIN = 0.05;
const CONFIDENT = 0.6;
/** Most words unknown (neither the knowledge base's nor English): another language or gibberish. */
const FOREIGN_SHARE = 0.5;

export class AnswerEngine {
  private readonly ctx: AnswerContext;
  /** Following the conversation, in a language that has the words for it. */
  private readonly moves?: ConversationMoves;
  private readonly guards?: IntentGuards;
  /** The analyses of this turn's texts: the moves look at a message more than once. */
  private readonly analysed = new Map<string, Analysis>();

  constructor(
    private readonly store: FactStore,
    private readonly understanding: Understanding,
  ) {
    this.ctx = new AnswerContext(store);
    const words = understanding.language.conversation;
    if (words) {
      this.guards = new IntentGuards(store.data.intents, words);
      this.moves = new ConversationMoves({ ctx: this.ctx, words, analyse: (text) => this.analyse(text), answer: (text, memory) => this.answerOne(text, memory) });
    }
  }

  /** The bot's own texts (welcome, labels) from the knowledge base. */
  get texts(): BotTexts {
    return this.store.data.bot;
  }

  /** Answers a message, given what the conversation remembers. */
  ask(message: string, memory: ConversationMemory = {}): Reply {
    const trimmed = message.replace(/\s+/g, ' ').trim();
    if (!trimmed || !/[\p{L}\p{N}]/u.test(trimmed)) {
      return this.ctx.unknown(trimmed, emptyTrace(trimmed, 'empty'), this.texts.empty);
    }
    const text = trimmed.length > MAX_MESSAGE_LENGTH ? trimmed.slice(0, MAX_MESSAGE_LENGTH) : trimmed;
    this.analysed.clear();
    const reply = this.moves ? this.moves.reply(text, memory) : this.answerOne(text, memory);
    return text === trimmed ? reply : { ...reply, text: `${this.texts.tooLong} ${reply.text}` };
  }

  /** Answers one question (a whole message, or one part of it), and frames the answer for the next turn. */
  private answerOne(text: string, memory: ConversationMemory): Reply {
    const resolved = this.resolve(text, memory);
    return this.framed(this.route(resolved, memory));
  }

  private framed(reply: Reply): Reply {
    if (reply.kind !== 'answer' || reply.memory.frame) return reply;
    return { ...reply, memory: { ...reply.memory, frame: frameOf(this.store, reply) } };
  }

  private analyse(text: string): Analysis {
    let analysis = this.analysed.get(text);
    if (!analysis) {
      analysis = this.understanding.analyse(text);
      this.analysed.set(text, analysis);
    }
    return analysis;
  }

  /** Answers a clarification: the reply should name one of the choices offered. */
  answerClarification(pending: PendingQuestion, message: string, memory: ConversationMemory = {}): Reply {
    const analysis = this.understanding.analyse(message);
    const named = analysis.entities.flatMap((m) => m.entities).find((e) => pending.type.includes(e.type));
    if (named) {
      return this.answerIntent(pending.intent, pending.question, memory, [this.store.entity(named.id)!]);
    }
    this.analysed.clear();
    if (analysis.intent !== NONE && analysis.intent !== SEARCH && analysis.score >= CONFIDENT && !isEntityFragment(analysis)) {
      return this.ask(message, memory); // a new question instead of an answer
    }
    const trace = traceOf(analysis, message, [], 'clarification-unknown');
    return this.ctx.unknown(message, trace, fill(this.texts.unknownThing, { name: quoteUserText(message.replace(/[?.!\s]+$/, '')) }));
  }

  /** Answers a question as a given intent (a "Did you mean…" choice). */
  answerIntent(intentId: string, question: string, memory: ConversationMemory = {}, subjects?: readonly Entity[]): Reply {
    const analysis = this.understanding.analyse(question);
    const forced: Analysis = { ...analysis, intent: intentId, score: 1 };
    const intent = this.store.intent(intentId);
    if (!intent) return this.ctx.unknown(question, traceOf(analysis, question, [], 'unknown-intent'));
    return this.framed(this.answerWith(intent, { analysis: forced, question }, memory, subjects));
  }

  /** "I don't know" for a question, with questions that can be answered. */
  dontKnow(question: string): Reply {
    return this.ctx.unknown(question, emptyTrace(question, 'declined'));
  }

  private resolve(text: string, memory: ConversationMemory): Resolved {
    const analysis = this.analyse(text);
    const fragment = isEntityFragment(analysis) || questionWordFragment(analysis) !== undefined;
    if (fragment && memory.question) {
      const expanded = expandFragment(analysis, this.analyse(memory.question));
      if (expanded) return { analysis: this.analyse(expanded), question: expanded };
    }
    return { analysis, question: text };
  }

  private route(resolved: Resolved, memory: ConversationMemory): Reply {
    const { analysis } = resolved;
    const classified = this.store.intent(analysis.intent);
    // "Bye!" only for a goodbye, "who said that?" only when asked.
    const intent = classified && (!this.guards || this.guards.trusts(classified, analysis)) ? classified : undefined;
    // "Where are Ferraris made?": a fact about something the knowledge never names is not the brand's fact.
    const stranger = analysis.unknownNames[0];
    if (stranger && intent?.kind === 'facts' && analysis.entities.length === 0) {
      return this.ctx.unknown(resolved.question, traceOf(analysis, resolved.question, [], 'unknown-name'), fill(this.texts.unknownThing, { name: quoteUserText(stranger) }));
    }
    if (intent?.kind === 'facts' || intent?.kind === 'faq') {
      const ambiguous = this.ambiguity(resolved);
      if (ambiguous) return ambiguous;
    }
    const unsupported = intent?.kind === 'facts' && intent.fromDocuments === true && !this.ctx.sharesWords(intent, analysis);
    if (!intent || intent.kind === 'none' || intent.kind === 'faq' || unsupported) {
      if (isEntityFragment(analysis)) return this.aboutTopic(resolved, memory);
      if (analysis.foreign || (analysis.unknownShare >= FOREIGN_SHARE && analysis.tokens.length >= 2)) {
        return this.ctx.unknown(resolved.question, traceOf(analysis, resolved.question, [], 'not-understood'), this.texts.notUnderstood);
      }
      return searchOrUnknown(this.ctx, resolved, memory);
    }
    const reply = this.answerWith(intent, resolved, memory);
    return reply.kind === 'answer' && intent.kind === 'facts' ? newerDocument(this.ctx, reply, resolved, memory) : reply;
  }

  private answerWith(intent: IntentDef, resolved: Resolved, memory: ConversationMemory, subjects?: readonly Entity[]): Reply {
    switch (intent.kind) {
      case 'smalltalk':
        return smalltalk(this.ctx, intent, resolved);
      case 'provenance':
        return provenance(this.ctx, resolved, memory);
      case 'faq':
        return faqAnswer(this.ctx, intent, resolved, memory);
      case 'facts':
        return factAnswer(this.ctx, intent, resolved, memory, subjects);
      case 'none':
        return searchOrUnknown(this.ctx, resolved, memory);
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

  /** A message naming only an entity: what the sources say about it, else the questions the knowledge can answer about it. */
  private aboutTopic(resolved: Resolved, memory: ConversationMemory): Reply {
    const entity = this.ctx.entitiesIn(resolved.analysis.entities)[0]!;
    const said = this.moves ? topicReply(this.ctx, this.moves.texts, entity, resolved.analysis, memory) : undefined;
    if (said) return said;
    const questions = this.store.data.intents
      .filter((i) => answerParts(i).some((p) => [p.about].flat().includes(entity.type)))
      .flatMap((i) => i.examples.filter((e) => this.ctx.normalized(e).includes(this.ctx.normalized(entity.name))).slice(0, 1));
    const trace = traceOf(resolved.analysis, resolved.question, [], 'topic');
    if (questions.length === 0) return searchOrUnknown(this.ctx, resolved, memory);
    return {
      kind: 'clarify',
      text: fill(this.texts.aboutTopic, { subject: entity.name }),
      choices: questions.slice(0, MAX_SUGGESTIONS).map((q) => ({ title: q, value: q })),
      pending: { question: resolved.question, intent: NONE, type: [] },
      suggestions: [],
      trace,
    };
  }

}


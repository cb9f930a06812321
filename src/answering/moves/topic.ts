/**
 * A message naming something without a question ("tell me about the old works", "what's the deal with
 * the new plant?", or only its name): answered with what the sources say about it, the
 * sentences that name it (those curated facts quote first), cited.
 */
import { fill } from '../../knowledge/compose';
import { SEARCH } from '../../knowledge/build';
import { answerParts, type Entity, type Sentence } from '../../knowledge/schema';
import { satisfiesType, type QuestionType } from '../../nlu/questionType';
import type { Analysis } from '../../nlu/understanding';
import { MAX_REMEMBERED, MAX_SUGGESTIONS, type AnswerContext } from '../context';
import { candidateText } from '../documents';
import { traceOf } from '../trace';
import type { ConversationMemory, Reply } from '../types';
import type { ConversationWords, MoveTexts } from '../../nlu/languages';

const MAX_SENTENCES = 2;

/** The words naming the topic of "tell me about X"; undefined for other messages. */
export function topicOf(text: string, words: ConversationWords): string | undefined {
  return words.topic.exec(text.trim())?.[1];
}

/** Per knowledge base, the passages naming each entity, those a fact about it quotes first: bounded by the entities. */
const ranked = new WeakMap<AnswerContext, Map<string, readonly Sentence[]>>();

function passagesAbout(ctx: AnswerContext, entity: Entity): readonly Sentence[] {
  let byEntity = ranked.get(ctx);
  if (!byEntity) ranked.set(ctx, (byEntity = new Map()));
  let found = byEntity.get(entity.id);
  if (!found) {
    const quotes = ctx.store.data.facts.filter((f) => f.subject === entity.id || f.object === entity.id).map((f) => f.quote);
    const passages = ctx.documents.passagesNaming(entity.id);
    const quoted = passages.filter((s) => quotes.some((q) => s.text.includes(q) || q.includes(s.text)));
    found = [...new Set([...quoted, ...passages])];
    byEntity.set(entity.id, found);
  }
  return found;
}

/** The sentences about an entity, best first: those a fact about it quotes, then the others naming it. */
export function sentencesAbout(ctx: AnswerContext, entity: Entity, type?: QuestionType): Sentence[] {
  const passages = passagesAbout(ctx, entity);
  const typed = type ? passages.filter((s) => satisfiesType(type, candidateText({ kind: 'passage', sentence: s, score: 0, source: s.source }))) : passages;
  return typed.slice(0, MAX_SENTENCES);
}

/** Questions the knowledge answers about an entity: one example of each intent about its type that names it. */
export function questionsAbout(ctx: AnswerContext, entity: Entity): string[] {
  return ctx.store.data.intents
    .filter((i) => answerParts(i).some((p) => [p.about].flat().includes(entity.type)))
    .flatMap((i) => i.examples.filter((e) => ctx.normalized(e).includes(ctx.normalized(entity.name))).slice(0, 1))
    .slice(0, MAX_SUGGESTIONS);
}

/** What the sources say about an entity, or undefined when no sentence names it (of the type asked, if given). */
export function topicReply(ctx: AnswerContext, texts: MoveTexts, entity: Entity, analysis: Analysis, memory: ConversationMemory, type?: QuestionType): Reply | undefined {
  const sentences = sentencesAbout(ctx, entity, type);
  if (sentences.length === 0) return undefined;
  const sources = [...new Set(sentences.map((s) => s.source))].map((id) => ctx.store.source(id)!);
  const quoted = sentences.map((s) => `“${candidateText({ kind: 'passage', sentence: s, score: 0, source: s.source })}”`).join(' ');
  const named = [...new Set([entity.id, ...sentences.flatMap((s) => ctx.documents.names(s))])];
  const question = memory.question ?? analysis.text;
  return {
    kind: 'answer',
    text: `${fill(texts.topicIntro, { subject: entity.name })} ${quoted}`,
    citations: sources.map((s) => ({ source: s.id, title: s.title, date: s.date })),
    suggestions: questionsAbout(ctx, entity),
    memory: {
      question,
      intent: memory.intent ?? SEARCH,
      recent: [...new Set([entity.id, ...named, ...(memory.recent ?? [])])].slice(0, MAX_REMEMBERED),
      subjects: [entity.id],
      facts: [],
      sources: sources.map((s) => s.id),
      named,
      // The list stays: "the first one?", then "and the second one?".
      frame: { subjects: { [entity.type]: [entity.id] }, named, route: 'topic', ...(memory.frame?.list ? { list: memory.frame.list } : {}) },
    },
    trace: traceOf(analysis, analysis.text, sentences.map((s) => s.id), 'topic'),
  };
}

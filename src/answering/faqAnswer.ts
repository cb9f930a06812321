/** An FAQ entry chosen outright (a "Did you mean…" choice): its own answer, cited. */
import type { FaqIntent } from '../knowledge/schema';
import type { AnswerContext, Resolved } from './context';
import { traceOf } from './trace';
import type { ConversationMemory, Reply } from './types';

export function faqAnswer(ctx: AnswerContext, intent: FaqIntent, resolved: Resolved, memory: ConversationMemory): Reply {
  const item = ctx.store.faqItem(intent.faqItem)!;
  const source = ctx.store.source(item.source)!;
  return {
    kind: 'answer',
    text: ctx.crossLingual ? `${ctx.texts.searchIntro} ${item.answer}` : item.answer,
    citations: [{ source: source.id, title: source.title, date: source.date }],
    suggestions: ctx.suggestionsFor(intent, resolved.question),
    memory: { question: resolved.question, intent: intent.id, recent: memory.recent ?? [], subjects: [], facts: [], sources: [source.id] },
    trace: traceOf(resolved.analysis, resolved.question, [], 'faq'),
  };
}

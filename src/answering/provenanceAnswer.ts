/** "Who said that?" / "where does that come from?": answered from what the last answer stated. */
import { citationsOf, fill, joinList, type Citation } from '../knowledge/compose';
import type { Fact } from '../knowledge/schema';
import type { AnswerContext, Resolved } from './context';
import { traceOf } from './trace';
import type { ConversationMemory, Reply } from './types';

export function provenance(ctx: AnswerContext, resolved: Resolved, memory: ConversationMemory): Reply {
  const facts = (memory.facts ?? []).map((id) => ctx.store.fact(id)).filter((f): f is Fact => f !== undefined);
  const sourceIds = [...new Set([...facts.map((f) => f.source), ...(memory.sources ?? [])])];
  const trace = traceOf(resolved.analysis, resolved.question, facts.map((f) => f.id), 'provenance');
  if (sourceIds.length === 0) {
    return { kind: 'smalltalk', text: ctx.texts.noProvenance, suggestions: ctx.texts.starterQuestions, trace };
  }
  const citations = citationsOf(ctx.store, sourceIds.map((source) => ({ source }) as Fact));
  const cite = (c: Citation) => `“${c.title}” (${c.date})`;
  const speakers = [...new Set(facts.flatMap((f) => (f.saidBy ? [f.saidBy] : [])))];
  const saidBy = speakers.map((id) => {
    const source = ctx.store.source(facts.find((f) => f.saidBy === id)!.source)!;
    return fill(ctx.texts.saidBy, { speaker: ctx.store.entity(id)?.name ?? id, source: cite({ source: source.id, title: source.title, date: source.date }) });
  });
  const text = saidBy.length ? saidBy.join(' ') : fill(ctx.texts.provenance, { sources: joinList(citations.map(cite), ctx.texts.and) });
  return { kind: 'answer', text, citations, suggestions: [], memory, trace };
}

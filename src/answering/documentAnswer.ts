/**
 * Answers from the documents: the best FAQ entry or passage, newer sources first with the older
 * one mentioned; and a newer un-curated passage that overrides a curated answer.
 */
import { fill, recency } from '../knowledge/compose';
import { SEARCH } from '../knowledge/build';
import type { Fact } from '../knowledge/schema';
import { normalize } from '../nlu/text';
import { MAX_REMEMBERED, MAX_SUGGESTIONS, type AnswerContext, type Resolved } from './context';
import { candidateText, type DocumentCandidate } from './documents';
import { traceOf } from './trace';
import type { ConversationMemory, Reply } from './types';

/**
 * Newer sources win over curation too: when a document newer than every source of a curated
 * answer answers the same question about the same thing, its answer is given, with its date,
 * and the curated one is mentioned with its source.
 */
export function newerDocument(ctx: AnswerContext, reply: Reply & { kind: 'answer' }, resolved: Resolved, memory: ConversationMemory): Reply {
  const newest = Math.max(...reply.citations.map((c) => recency(ctx.store.source(c.source))));
  const subjectIds = reply.memory.subjects ?? [];
  const subjects = new Set([...subjectIds, ...resolved.analysis.entities.flatMap((m) => m.entities.map((e) => e.id))]);
  const quotes = (reply.memory.facts ?? []).map((id) => ctx.store.fact(id)?.quote ?? '');

  const passage = ctx.documents.newerPassage(resolved.question, quotes, resolved.analysis, subjects, newest);
  if (!passage) return reply;
  // A newer passage naming the same answers agrees with the curated one: nothing to replace.
  const facts = (reply.memory.facts ?? []).map((id) => ctx.store.fact(id)).filter((f): f is Fact => f !== undefined);
  const objects = [...new Set(facts.flatMap((f) => [f.subject, f.object ?? '']))].filter((id) => id && !subjectIds.includes(id));
  if (objects.length > 0 && objects.every((id) => ctx.documents.mentions(passage, ctx.store.entity(id)))) return reply;
  const older = reply.citations[0]!;
  const note = fill(ctx.texts.quotedNote, { source: `“${older.title}”`, date: older.date, quote: reply.text });
  const chosen = documentReply(ctx, { kind: 'passage', sentence: passage, source: passage.source, score: 1 }, resolved, memory, true);
  return chosen.kind === 'answer' ? { ...chosen, text: `${chosen.text} ${note}`, citations: [...chosen.citations, ...reply.citations] } : chosen;
}

/** The best answer the documents give (an FAQ entry or a passage), newer sources first; else "I don't know". */
export function searchOrUnknown(ctx: AnswerContext, resolved: Resolved, memory: ConversationMemory): Reply {
  const { best, older } = ctx.documents.select(resolved.question, resolved.analysis);
  if (!best) return ctx.unknown(resolved.question, traceOf(resolved.analysis, resolved.question, [], 'unknown'));
  const reply = documentReply(ctx, best, resolved, memory, older !== undefined && recency(ctx.store.source(older.source)) < recency(ctx.store.source(best.source)));
  if (!older || reply.kind !== 'answer') return reply;
  const source = ctx.store.source(older.source)!;
  const note = fill(ctx.texts.quotedNote, { source: `“${source.title}”`, date: source.date, quote: candidateText(older) });
  return { ...reply, text: `${reply.text} ${note}`, citations: [...reply.citations, { source: source.id, title: source.title, date: source.date }] };
}

/** A reply from one document candidate; `dated` says where it comes from first (it won over an older source). */
export function documentReply(ctx: AnswerContext, candidate: DocumentCandidate, resolved: Resolved, memory: ConversationMemory, dated: boolean): Reply {
  const { analysis, question } = resolved;
  const source = ctx.store.source(candidate.source)!;
  const citations = [{ source: source.id, title: source.title, date: source.date }];
  const lead = dated ? fill(ctx.texts.accordingTo, { source: `“${source.title}”`, date: source.date }) : ctx.texts.searchIntro;
  const faqIntent = candidate.kind === 'faq' ? ctx.store.data.intents.find((i) => i.kind === 'faq' && i.faqItem === candidate.item.id) : undefined;
  // An FAQ answer speaks for itself, unless it is dated or in another language than the question.
  const led = dated || ctx.crossLingual;
  const text = candidate.kind === 'faq' ? (led ? `${lead} ${candidate.item.answer}` : candidate.item.answer) : `${lead} “${candidateText(candidate)}”`;
  const named = candidate.kind === 'passage' ? ctx.documents.names(candidate.sentence) : [];
  return {
    kind: 'answer',
    text,
    citations,
    suggestions: faqIntent ? ctx.suggestionsFor(faqIntent, question) : ctx.texts.starterQuestions.filter((q) => normalize(q) !== normalize(question)).slice(0, MAX_SUGGESTIONS),
    memory: { question, intent: faqIntent?.id ?? SEARCH, recent: [...new Set([...named, ...(memory.recent ?? [])])].slice(0, MAX_REMEMBERED), subjects: [], facts: [], sources: [source.id], named },
    trace: traceOf(analysis, question, [candidate.kind === 'faq' ? candidate.item.id : candidate.sentence.id], candidate.kind === 'faq' ? 'faq' : 'search'),
  };
}

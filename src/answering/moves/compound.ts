/**
 * Compound questions ("who owns the brand and where was it founded?"): split into their parts,
 * each answered in turn (a later part may refer to an earlier one's answer), and given together in
 * one reply with every part's citations; a part the sources cannot answer is said to be unknown.
 */
import { fill } from '../../knowledge/compose';
import type { BotTexts } from '../../knowledge/schema';
import { quoteUserText } from '../markdown';
import type { ConversationMemory, Reply } from '../types';
import type { ConversationWords, MoveTexts } from '../../nlu/languages';

const MIN_PART_WORDS = 2;

/** The parts of a compound question; one part for any other message. */
export function compoundParts(text: string, words: ConversationWords): string[] {
  const parts = text.split(words.compoundSplit).map((p) => p.trim()).filter(Boolean);
  if (parts.length < 2 || parts.some((p) => p.split(/\s+/).length < MIN_PART_WORDS)) return [text];
  // "when and where was it founded?" is one question about two things.
  const endsWithQuestionWord = (p: string) => words.questionWords.has(p.toLowerCase().replace(/[^\p{L}\s]/gu, '').trim().split(/\s+/).at(-1) ?? '');
  return parts.slice(0, -1).some(endsWithQuestionWord) ? [text] : parts;
}

/** Answers each part with the memory the parts before it left, and puts the answers together. */
export function answerParts(parts: readonly string[], memory: ConversationMemory, answer: (part: string, memory: ConversationMemory) => Reply, texts: BotTexts & MoveTexts): Reply {
  const replies: { part: string; reply: Reply }[] = [];
  let current = memory;
  for (const part of parts) {
    const reply = answer(part, current);
    if (reply.kind === 'answer') current = reply.memory;
    replies.push({ part, reply });
  }
  const answered = replies.filter((r) => r.reply.kind === 'answer');
  const last = answered.at(-1)?.reply;
  if (!last || last.kind !== 'answer') return replies[0]!.reply;
  const text = replies
    .map(({ part, reply }) => (reply.kind === 'answer' ? reply.text : fill(texts.partUnknown, { part: quoteUserText(part.replace(/[?.!\s]+$/, '')) })))
    .join(' ');
  const citations = [...new Map(answered.flatMap((r) => (r.reply.kind === 'answer' ? r.reply.citations : [])).map((c) => [c.source, c])).values()];
  return { ...last, text, citations, trace: { ...last.trace, route: `compound:${replies.map((r) => r.reply.trace.route).join('+')}` } };
}

/** Small talk: a fixed reply, varied with the message, and the questions to ask next. */
import type { SmalltalkIntent } from '../knowledge/schema';
import type { AnswerContext, Resolved } from './context';
import { traceOf } from './trace';
import type { Reply } from './types';

export function smalltalk(ctx: AnswerContext, intent: SmalltalkIntent, resolved: Resolved): Reply {
  const replies = intent.reply.length ? intent.reply : [ctx.texts.unknown];
  // Vary the reply with the message, but deterministically.
  const pick = [...resolved.question].reduce((sum, c) => sum + c.charCodeAt(0), 0) % replies.length;
  return {
    kind: 'smalltalk',
    text: replies[pick]!,
    suggestions: intent.followUps ?? ctx.texts.starterQuestions,
    trace: traceOf(resolved.analysis, resolved.question, [], 'smalltalk'),
  };
}

/**
 * Coming back after an aside ("ok, back to the Model X — where is it built?", "so where is it made
 * then?"): the words that only mark the return are taken off, and the thing returned to is
 * remembered first again.
 */
import type { ConversationWords } from '../../nlu/languages';

/** The message without the words that open or close it but ask nothing ("ok, so…", "…then?"). */
export function withoutDiscourse(text: string, words: ConversationWords): string {
  const out = text.replace(words.discourseStart, '').replace(words.discourseEnd, '').trim();
  return out || text;
}

export interface Return {
  /** The words naming what the conversation returns to. */
  readonly to: string;
  /** The question asked about it, if any. */
  readonly question?: string;
}

/** "back to X[, question]"; undefined for other messages. */
export function returnTo(text: string, words: ConversationWords): Return | undefined {
  const match = words.returnTo.exec(text.trim());
  if (!match) return undefined;
  return match[2] ? { to: match[1]!, question: match[2] } : { to: match[1]! };
}

/**
 * A correction: "sorry, I meant the Model Y", "no, the Model Z", "not that one, the X". What is left
 * once the correction's words are taken off is answered as a follow-up of the last question.
 */
import type { ConversationWords } from '../../nlu/languages';

/** The corrected part of a correction ("the Model Y", "in Chile"); undefined for other messages. */
export function correctedPart(text: string, words: ConversationWords): string | undefined {
  const match = words.correction.exec(text.trim());
  const part = (match?.[1] ?? match?.[2])?.trim();
  return part ? part : undefined;
}

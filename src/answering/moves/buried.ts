/**
 * Questions inside other words: the question sentence of a long, friendly message, and a
 * statement with a tag ("the Model X is made in Chile, right?") asked as the yes/no question it is.
 */
import type { ConversationWords } from '../../nlu/languages';

export interface Buried {
  /** The sentence that asks. */
  readonly question: string;
  /** The rest of the message: what it names may be what the question's "it" means. */
  readonly rest: string;
}

/** The one question of a message of several sentences; undefined when there is none or the message is one sentence. */
export function buriedQuestion(text: string, words: ConversationWords): Buried | undefined {
  if (text.split(/\s+/).length < words.minBuriedWords) return undefined;
  const sentences = text.split(words.sentenceSplit);
  if (sentences.length < 2) return undefined;
  const asking = sentences.filter((s) => s.trim().endsWith('?'));
  if (asking.length === 0) return undefined;
  // Several questions are asked together, as a compound question.
  const question = asking.join(' ');
  return { question, rest: sentences.filter((s) => !asking.includes(s)).join(' ') };
}

/** A statement with a tag, as a yes/no question; undefined for other messages. */
export function tagAsYesNo(text: string, words: ConversationWords): string | undefined {
  const match = words.tagQuestion.exec(text);
  return match ? words.asYesNo(match[1]!) : undefined;
}

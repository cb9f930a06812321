/**
 * Questions inside other words: the question sentence of a long, friendly message, and a
 * statement with a tag ("the Model X is made in Chile, right?") asked as the yes/no question it is.
 */
import { DO_SUPPORT, MIN_BURIED_WORDS, SENTENCE_SPLIT, STATEMENT_AUXILIARIES, TAG_QUESTION } from './english';

export interface Buried {
  /** The sentence that asks. */
  readonly question: string;
  /** The rest of the message: what it names may be what the question's "it" means. */
  readonly rest: string;
}

/** The one question of a message of several sentences; undefined when there is none or the message is one sentence. */
export function buriedQuestion(text: string): Buried | undefined {
  if (text.split(/\s+/).length < MIN_BURIED_WORDS) return undefined;
  const sentences = text.split(SENTENCE_SPLIT);
  if (sentences.length < 2) return undefined;
  const asking = sentences.filter((s) => s.trim().endsWith('?'));
  if (asking.length === 0) return undefined;
  // Several questions are asked together, as a compound question.
  const question = asking.join(' ');
  return { question, rest: sentences.filter((s) => !asking.includes(s)).join(' ') };
}

/** A statement with a tag, as a yes/no question; undefined for other messages. */
export function tagAsYesNo(text: string): string | undefined {
  const match = TAG_QUESTION.exec(text);
  if (!match) return undefined;
  const statement = match[1]!.replace(/^(?:and|so|but)\s+/i, '').trim();
  const words = statement.split(/\s+/);
  if (words.length < 2) return undefined;
  const at = words.findIndex((w, i) => i > 0 && STATEMENT_AUXILIARIES.has(w.toLowerCase()));
  if (at > 0) return `${words[at]!.toLowerCase()} ${[...words.slice(0, at), ...words.slice(at + 1)].join(' ')}?`;
  return `${DO_SUPPORT} ${statement}?`;
}

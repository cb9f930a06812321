/**
 * What the answering engine returns and what it remembers between turns. Plain data, no bot SDK
 * types: the dialogs store the memory and turn replies into activities.
 */
import type { Citation } from '../knowledge/compose';
import type { ConversationFrame } from './frame';

/** What the conversation was about, carried from one turn to the next. */
export interface ConversationMemory {
  /** The last question answered, as understood (after follow-ups were expanded). */
  readonly question?: string;
  readonly intent?: string;
  /** Entities talked about (asked about, then named in answers), most recent first. */
  readonly recent?: readonly string[];
  /** The entities the last answer was about. */
  readonly subjects?: readonly string[];
  /** The facts the last answer stated: its provenance. */
  readonly facts?: readonly string[];
  /** Sources of the last answer when it came from the FAQ or a sentence search. */
  readonly sources?: readonly string[];
  /** The entities the last answer named (its objects, or those its passage names), in order. */
  readonly named?: readonly string[];
  /** What the last answer was about, for the conversation moves (see frame.ts). */
  readonly frame?: ConversationFrame;
  /** The language the conversation is held in (a code of the knowledge base's languages). */
  readonly language?: string;
}

export interface Guess {
  readonly intent: string;
  readonly score: number;
}

/** What the engine observed, for trace activities and logs. */
export interface Trace {
  readonly text: string;
  readonly understood: string;
  readonly intent: string;
  readonly score: number;
  readonly guesses: readonly Guess[];
  readonly entities: readonly { readonly text: string; readonly ids: readonly string[] }[];
  readonly corrections: readonly { readonly from: string; readonly to: string }[];
  readonly facts: readonly string[];
  readonly route: string;
}

export interface Choice {
  /** What is shown on the button and sent back when clicked. */
  readonly title: string;
  readonly value: string;
}

interface ReplyBase {
  readonly text: string;
  readonly trace: Trace;
  /** Questions offered as buttons. */
  readonly suggestions: readonly string[];
  /** The language the reply is in, when the knowledge base has several. */
  readonly language?: string;
}

export type Reply =
  | (ReplyBase & { readonly kind: 'answer'; readonly citations: readonly Citation[]; readonly memory: ConversationMemory })
  | (ReplyBase & { readonly kind: 'smalltalk' })
  | (ReplyBase & { readonly kind: 'unknown' })
  /** A question needs an entity it cannot find: ask, with the choices; `pending` is answered next turn. */
  | (ReplyBase & { readonly kind: 'clarify'; readonly choices: readonly Choice[]; readonly pending: PendingQuestion })
  /** The best two intents are close: offer both. */
  | (ReplyBase & { readonly kind: 'ambiguous'; readonly choices: readonly Choice[]; readonly question: string });

export interface PendingQuestion {
  readonly question: string;
  readonly intent: string;
  readonly type: readonly string[];
}

import type { Activity } from 'botbuilder';
import { activityId } from './ids.js';

/** Direct Line's answer to "what is new": activities after a watermark, and the next watermark. */
export interface ActivitySet {
  readonly activities: Partial<Activity>[];
  readonly watermark: string;
}

export type ActivityListener = (set: ActivitySet) => void;

/**
 * One visitor's conversation: its transcript (bounded: the oldest activities fall off) and the
 * listeners streaming it. The watermark is the sequence number of the next activity, so it never
 * moves backwards even when old activities are dropped.
 */
export class Conversation {
  started = false;
  locale: string | undefined;
  lastActiveAt: number;
  private readonly transcript: Partial<Activity>[] = [];
  private nextSequence = 0;
  private readonly listeners = new Set<ActivityListener>();
  private turns: Promise<void> = Promise.resolve();
  private queuedTurns = 0;

  constructor(
    readonly id: string,
    readonly userId: string,
    private readonly maxActivities: number,
    now: number,
  ) {
    this.lastActiveAt = now;
  }

  /** Stores an activity with its Direct Line id and timestamp and pushes it to listeners. */
  append(activity: Partial<Activity>, now: Date): Partial<Activity> {
    const stored = { ...activity, id: activityId(this.id, this.nextSequence), timestamp: now };
    this.nextSequence += 1;
    this.transcript.push(stored);
    if (this.transcript.length > this.maxActivities) this.transcript.shift();
    const set = { activities: [stored], watermark: String(this.nextSequence) };
    for (const listener of this.listeners) listener(set);
    return stored;
  }

  /** Activities at or after the watermark that are still kept; an empty or invalid watermark means all. */
  since(watermark: number): ActivitySet {
    const firstKept = this.nextSequence - this.transcript.length;
    const skip = Math.max(0, Math.min(watermark, this.nextSequence) - firstKept);
    return { activities: this.transcript.slice(skip), watermark: String(this.nextSequence) };
  }

  subscribe(listener: ActivityListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  get pendingTurns(): number {
    return this.queuedTurns;
  }

  /** Runs turns one at a time, in arrival order, so the bot never sees a conversation twice at once. */
  enqueue<T>(turn: () => Promise<T>): Promise<T> {
    this.queuedTurns += 1;
    const result = this.turns.then(turn);
    this.turns = result.then(
      () => undefined,
      () => undefined,
    );
    return result.finally(() => {
      this.queuedTurns -= 1;
    });
  }
}

export interface ConversationLimits {
  readonly maxConversations: number;
  readonly maxActivitiesPerConversation: number;
  readonly idleMs: number;
}

/**
 * All live conversations, least recently active first, bounded in number and in idle time. When
 * the number is reached, room is made only by dropping a conversation nobody has opened (a token
 * fetched, never used): a flood of new tokens can push out other unused tokens, never a visitor.
 */
export class ConversationStore {
  private readonly conversations = new Map<string, Conversation>();

  constructor(
    private readonly limits: ConversationLimits,
    private readonly onRemoved: (conversation: Conversation) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** A new conversation, or undefined when every place is taken by one in use. */
  create(id: string, userId: string): Conversation | undefined {
    if (this.conversations.size >= this.limits.maxConversations) this.sweep();
    if (this.conversations.size >= this.limits.maxConversations) {
      const unused = this.oldestUnused();
      if (!unused) return undefined;
      this.remove(unused);
    }
    const conversation = new Conversation(id, userId, this.limits.maxActivitiesPerConversation, this.now());
    this.conversations.set(id, conversation);
    return conversation;
  }

  private oldestUnused(): Conversation | undefined {
    for (const conversation of this.conversations.values()) {
      if (!conversation.started && conversation.listenerCount === 0) return conversation;
    }
    return undefined;
  }

  get(id: string): Conversation | undefined {
    return this.conversations.get(id);
  }

  /** Marks a conversation as used (moving it to the back of the eviction order). */
  touch(conversation: Conversation): void {
    conversation.lastActiveAt = this.now();
    this.conversations.delete(conversation.id);
    this.conversations.set(conversation.id, conversation);
  }

  /** Removes conversations idle for longer than the limit; they are in activity order, so stop at the first live one. */
  sweep(): void {
    const cutoff = this.now() - this.limits.idleMs;
    for (const conversation of this.conversations.values()) {
      if (conversation.lastActiveAt > cutoff) break;
      this.remove(conversation);
    }
  }

  removeAll(): void {
    for (const conversation of this.conversations.values()) this.remove(conversation);
  }

  get size(): number {
    return this.conversations.size;
  }

  private remove(conversation: Conversation): void {
    this.conversations.delete(conversation.id);
    this.onRemoved(conversation);
  }
}

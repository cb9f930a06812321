import type { Activity } from 'botbuilder';
import { ConversationRecords, newRecord, type ConversationRecord } from './conversationRecords.js';
import { activityId } from './ids.js';

/** Direct Line's answer to "what is new": activities after a watermark, and the next watermark. */
export interface ActivitySet {
  readonly activities: Partial<Activity>[];
  readonly watermark: string;
}

export type ActivityListener = (set: ActivitySet) => void;

/** The client's own id for an activity it posts (Web Chat sets it), by which a resent activity is recognised. */
export function clientActivityId(activity: Partial<Activity>): string | undefined {
  const channelData: unknown = activity.channelData;
  const id = typeof channelData === 'object' && channelData !== null ? (channelData as Record<string, unknown>).clientActivityID : undefined;
  return typeof id === 'string' && id.length > 0 ? id : undefined;
}

function since(record: ConversationRecord, watermark: number): ActivitySet {
  const firstKept = record.nextSequence - record.transcript.length;
  const skip = Math.max(0, Math.min(watermark, record.nextSequence) - firstKept);
  return { activities: record.transcript.slice(skip), watermark: String(record.nextSequence) };
}

/**
 * One visitor's conversation as this instance holds it: a copy of its stored record (the
 * transcript, bounded, and the state of its tokens), the listeners streaming it and its turn queue.
 * Every change is written to storage before anybody is told of it; the watermark is the sequence
 * number of the next activity, so it never moves backwards even when old activities are dropped.
 */
export class Conversation {
  lastUsedAt: number;
  private readonly listeners = new Set<ActivityListener>();
  private turns: Promise<void> = Promise.resolve();
  private queuedTurns = 0;
  private writes: Promise<unknown> = Promise.resolve();
  private pendingWrites = 0;
  /** The watermark up to which listeners have been sent activities. */
  private pushed: number;

  constructor(
    readonly id: string,
    private current: ConversationRecord,
    private readonly records: ConversationRecords,
    private readonly maxActivities: number,
    now: number,
  ) {
    this.lastUsedAt = now;
    this.pushed = current.nextSequence;
  }

  get record(): ConversationRecord {
    return this.current;
  }

  get userId(): string {
    return this.current.userId;
  }

  /** Activities at or after the watermark that are still kept; an empty or invalid watermark means all. */
  since(watermark: number): ActivitySet {
    return since(this.current, watermark);
  }

  /**
   * Changes the stored record, one change at a time in this instance (and retried against other
   * instances' writes), then streams what was added.
   */
  change(apply: (record: ConversationRecord) => ConversationRecord | undefined): Promise<ConversationRecord> {
    this.pendingWrites += 1;
    // Not stored yet (or gone meanwhile): the held copy is where it starts.
    const result = this.writes.then(() => this.records.update(this.id, () => this.current, apply));
    this.writes = result.catch(() => undefined);
    return result
      .then((record) => {
        this.adopt(record);
        return record;
      })
      .finally(() => {
        this.pendingWrites -= 1;
      });
  }

  /**
   * Stores activities with their Direct Line ids and timestamps. With `unlessSent`, an activity the
   * client already posted (same client id still in the transcript) is not stored again: the one kept
   * is returned with `duplicate`.
   */
  async append(activities: Partial<Activity>[], now: Date, unlessSent?: string): Promise<{ stored: Partial<Activity>[]; duplicate: boolean }> {
    let stored: Partial<Activity>[] = [];
    let duplicate = false;
    await this.change((record) => {
      const earlier = unlessSent === undefined ? undefined : record.transcript.find((activity) => activity.from?.role === 'user' && clientActivityId(activity) === unlessSent);
      if (earlier) {
        stored = [earlier];
        duplicate = true;
        return undefined;
      }
      stored = activities.map((activity, i) => ({ ...activity, id: activityId(this.id, record.nextSequence + i), timestamp: now }));
      const transcript = [...record.transcript, ...stored].slice(-this.maxActivities);
      return { ...record, transcript, nextSequence: record.nextSequence + stored.length };
    });
    return { stored, duplicate };
  }

  /** Takes the stored record as it is now (another instance may have added to it) and streams what is new. */
  async reload(): Promise<void> {
    const stored = await this.records.load(this.id);
    if (stored && stored.nextSequence >= this.current.nextSequence) this.adopt(stored);
  }

  private adopt(record: ConversationRecord): void {
    this.current = record;
    if (record.nextSequence <= this.pushed) return;
    const set = since(record, this.pushed);
    this.pushed = record.nextSequence;
    if (set.activities.length > 0) for (const listener of this.listeners) listener(set);
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

  /** Nothing streams it, no turn waits and no write is under way: it may leave memory (it stays in storage). */
  get idle(): boolean {
    return this.listeners.size === 0 && this.queuedTurns === 0 && this.pendingWrites === 0;
  }

  /**
   * Counts a turn as waiting from now on, before the activity is even stored, so that posts arriving
   * together are held to the limit; pass the result to enqueue(), or call it if the turn never runs.
   */
  reserveTurn(): () => void {
    this.queuedTurns += 1;
    let released = false;
    return () => {
      if (!released) this.queuedTurns -= 1;
      released = true;
    };
  }

  /** Runs turns one at a time, in arrival order, so the bot never sees a conversation twice at once. */
  enqueue<T>(turn: () => Promise<T>, reserved: () => void = this.reserveTurn()): Promise<T> {
    const result = this.turns.then(turn);
    this.turns = result.then(
      () => undefined,
      () => undefined,
    );
    return result.finally(reserved);
  }
}

export interface ConversationLimits {
  /** Conversations held in memory at once (the rest stay in storage until used again). */
  readonly maxConversations: number;
  readonly maxActivitiesPerConversation: number;
  /** A conversation unused for this long leaves memory. */
  readonly idleMs: number;
}

/**
 * The conversations this instance holds in memory, least recently used first, bounded in number
 * and in idle time. Room is made only by letting an idle conversation go (it stays in storage and
 * comes back on its next request), never one that is streaming or answering: when every place is
 * taken by those, a new one is refused.
 */
export class ConversationStore {
  private readonly conversations = new Map<string, Conversation>();

  constructor(
    private readonly limits: ConversationLimits,
    private readonly records: ConversationRecords,
    /** Several instances share the storage: a held copy may be stale, so read it again on each use. */
    private readonly shared: boolean,
    private readonly onRemoved: (conversation: Conversation) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * The conversation, from memory or storage, or a new one (not stored until something happens in
   * it) when `mayCreate`; 'ended' when it is not stored and may not be created; 'full' when memory
   * has no room.
   */
  async open(id: string, userId: string, mayCreate: boolean): Promise<Conversation | 'ended' | 'full'> {
    const held = this.conversations.get(id);
    if (held) {
      if (this.shared) await held.reload();
      this.touch(held);
      return held;
    }
    const stored = await this.records.load(id);
    if (!stored && !mayCreate) return 'ended';
    const again = this.conversations.get(id); // opened by a concurrent request meanwhile
    if (again) return again;
    if (!this.makeRoom()) return 'full';
    const conversation = new Conversation(id, stored ?? newRecord(userId, this.now()), this.records, this.limits.maxActivitiesPerConversation, this.now());
    this.conversations.set(id, conversation);
    return conversation;
  }

  private makeRoom(): boolean {
    if (this.conversations.size < this.limits.maxConversations) return true;
    this.sweep();
    if (this.conversations.size < this.limits.maxConversations) return true;
    for (const conversation of this.conversations.values()) {
      if (conversation.idle) {
        this.remove(conversation);
        return true;
      }
    }
    return false;
  }

  /** Marks a conversation as used (moving it to the back of the eviction order). */
  touch(conversation: Conversation): void {
    conversation.lastUsedAt = this.now();
    this.conversations.delete(conversation.id);
    this.conversations.set(conversation.id, conversation);
  }

  /** Lets idle conversations unused for longer than the limit leave memory; they are in use order. */
  sweep(): void {
    const cutoff = this.now() - this.limits.idleMs;
    for (const conversation of this.conversations.values()) {
      if (conversation.lastUsedAt > cutoff) break;
      if (conversation.idle) this.remove(conversation);
    }
  }

  /** Conversations someone is streaming: the ones another instance's changes must reach. */
  streamed(): Conversation[] {
    return [...this.conversations.values()].filter((conversation) => conversation.listenerCount > 0);
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

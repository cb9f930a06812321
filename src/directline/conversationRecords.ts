import type { Activity, Storage, StoreItem } from 'botbuilder';
import { isETagConflict } from '../storage/eTagConflict.js';

/**
 * What the built-in Direct Line keeps of a conversation, in the bot's state storage (so it outlives
 * a restart and is shared by every instance using the same Blob container).
 */
export interface ConversationRecord {
  readonly userId: string;
  /** The bot has been told the visitor joined (and has greeted them). */
  readonly started: boolean;
  readonly locale?: string;
  /** The sequence number of the next activity: the watermark a client has seen everything before. */
  readonly nextSequence: number;
  /** The newest activities, oldest first (bounded: the oldest fall off); the first has sequence nextSequence - length. */
  readonly transcript: readonly Partial<Activity>[];
  /** Tokens of this generation are accepted; of the one before it, until previousTokenUntil (ms). */
  readonly tokenGeneration: number;
  readonly previousTokenUntil: number;
  /** Last change (ms): records older than the retention period are deleted when next read. */
  readonly lastActiveAt: number;
}

export function newRecord(userId: string, now: number): ConversationRecord {
  return { userId, started: false, nextSequence: 0, transcript: [], tokenGeneration: 0, previousTokenUntil: 0, lastActiveAt: now };
}

/** Not the key of any bot state: ConversationState's keys are "<channel>/conversations/<id>". */
const keyOf = (conversationId: string): string => `directline-service/${conversationId}`;

const MAX_ATTEMPTS = 5;

function isRecord(value: unknown): value is ConversationRecord & StoreItem {
  if (typeof value !== 'object' || value === null) return false;
  const item = value as Record<string, unknown>;
  return typeof item.userId === 'string' && typeof item.nextSequence === 'number' && Array.isArray(item.transcript) && typeof item.tokenGeneration === 'number';
}

/** Direct Line conversations in a botbuilder Storage: reads, and changes that retry on another writer's eTag. */
export class ConversationRecords {
  constructor(
    private readonly storage: Storage,
    private readonly retentionMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The stored record, or undefined (never stored, expired or unreadable). */
  async load(conversationId: string): Promise<ConversationRecord | undefined> {
    return (await this.read(conversationId))?.record;
  }

  /**
   * Applies a change to the stored record (or to `fresh` when there is none yet) and writes it with
   * the eTag it was read with; when another instance wrote in between, reads again and reapplies.
   * `change` returns undefined to leave the record as it is.
   */
  async update(conversationId: string, fresh: () => ConversationRecord, change: (record: ConversationRecord) => ConversationRecord | undefined): Promise<ConversationRecord> {
    for (let attempt = 1; ; attempt += 1) {
      const current = await this.read(conversationId);
      const base = current?.record ?? fresh();
      const next = change(base);
      if (!next) return base;
      const stored = { ...next, lastActiveAt: this.now() };
      try {
        // No eTag for a new record: a write with "*" would not create it in every storage.
        await this.storage.write({ [keyOf(conversationId)]: current ? { ...stored, eTag: current.eTag } : stored });
        return stored;
      } catch (error) {
        if (!isETagConflict(error) || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }

  private async read(conversationId: string): Promise<{ record: ConversationRecord; eTag: string } | undefined> {
    const key = keyOf(conversationId);
    const item: unknown = (await this.storage.read([key]))[key];
    if (!isRecord(item)) return undefined;
    if (this.now() - item.lastActiveAt > this.retentionMs) {
      await this.storage.delete([key]);
      return undefined;
    }
    const { eTag, ...record } = item;
    return { record, eTag: eTag ?? '*' };
  }
}

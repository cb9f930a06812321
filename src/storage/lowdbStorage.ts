import { randomUUID } from 'node:crypto';
import type { Storage, StoreItems } from 'botbuilder';
import { silentLogger, type Logger } from '../log';
import { ETagConflictError } from './eTagConflict';
import { handOverRead, jsonOfWrite, jsonWithoutETag, withETag } from './itemJson';
import { JsonFileError, openJsonFile, type JsonFile } from './jsonFile';

/**
 * An item as kept in memory: already serialised, as its member of the file's "items" object. A read
 * parses the item's part (the caller gets its own copy), a write serialises the new item once (or
 * not at all when the state hands its JSON along), and saving the file joins the members instead of
 * stringifying every conversation again.
 */
interface Entry {
  /** Epoch milliseconds of the last write: what idle expiry measures. */
  readonly writtenAt: number;
  readonly eTag: string;
  /** `"key":{"writtenAt":…,"item":{…,"eTag":…}}`, the eTag last. */
  readonly member: string;
  /** Where the item's JSON starts in member (it ends one character before member does). */
  readonly itemAt: number;
  /** Where the item's eTag member (with the comma before it, if any) starts in member. */
  readonly eTagAt: number;
}

function storedEntry(key: string, writtenAt: number, eTag: string, contentJson: string): Entry {
  const head = `${JSON.stringify(key)}:{"writtenAt":${writtenAt},"item":`;
  const member = `${head}${withETag(contentJson, eTag)}}`;
  return { writtenAt, eTag, member, itemAt: head.length, eTagAt: head.length + contentJson.length - 1 };
}

function itemJsonOf(stored: Entry): string {
  return stored.member.slice(stored.itemAt, -1);
}

/** The item's JSON without its eTag. */
function contentJsonOf(stored: Entry): string {
  return `${stored.member.slice(stored.itemAt, stored.eTagAt)}}`;
}

/** The file holds `{ "version": 1, "items": { key: { "writtenAt": ms, "item": { …, "eTag" } } } }`. */
interface StateDocument {
  readonly version: 1;
  readonly items: Map<string, Entry>;
}

export interface LowdbStorageOptions {
  /** The JSON file, e.g. `<dataDir>/state.json`. One storage per file per process. */
  readonly file: string;
  /** Items not written for this long are dropped. */
  readonly ttlSeconds: number;
  /** How often idle items are swept; defaults to a quarter of the TTL, at most 10 minutes. */
  readonly sweepIntervalMs?: number;
  /** Clock, replaceable in tests. */
  readonly now?: () => number;
  readonly logger?: Logger;
  /**
   * Writes reach the file this long after the change (0: before write() resolves), or longer once
   * the file is so large that saving it takes more than a twentieth of that time (see flushDelay).
   * A turn then never waits for the disk, and a burst of turns costs one file write; close()
   * flushes, so only a crash can lose the last moments. Default 0.
   */
  readonly flushDelayMs?: number;
}

const MAX_SWEEP_INTERVAL_MS = 10 * 60 * 1000;

/** Delayed saves take at most about 1/SAVE_SHARE of the time, however large the file grows. */
const SAVE_SHARE = 20;

/**
 * How long changes wait before they are written: the configured delay, or longer when the file has
 * grown so large that writing it that often would keep the bot busy (every save rewrites every
 * conversation kept, so its cost grows with their number).
 */
export function flushDelay(configuredMs: number, lastSaveMs: number): number {
  return Math.max(configuredMs, Math.ceil(lastSaveMs * SAVE_SHARE));
}

/**
 * botbuilder `Storage` kept in one lowdb JSON file, for a single bot instance.
 * eTags follow MemoryStorage: a write whose eTag is neither missing, '*' nor the stored one is
 * refused; every write issues a new eTag; reads return copies. Unlike MemoryStorage a refused
 * write changes nothing, not even its other keys.
 */
export class LowdbStorage implements Storage {
  private readonly ttlMs: number;
  private readonly now: () => number;
  private readonly logger: Logger;
  private readonly timer: NodeJS.Timeout;
  private readonly flushDelayMs: number;
  private flushTimer: NodeJS.Timeout | undefined;
  /** How long the last delayed save took, serialising and writing the whole file. */
  private lastSaveMs = 0;

  private constructor(
    private readonly db: JsonFile<StateDocument>,
    options: LowdbStorageOptions,
  ) {
    this.ttlMs = options.ttlSeconds * 1000;
    this.flushDelayMs = options.flushDelayMs ?? 0;
    this.now = options.now ?? Date.now;
    this.logger = options.logger ?? silentLogger;
    const interval = options.sweepIntervalMs ?? Math.min(this.ttlMs / 4, MAX_SWEEP_INTERVAL_MS);
    this.timer = setInterval(() => {
      this.sweep().catch((error: unknown) => this.logger.warn('state sweep failed', { error: String(error) }));
    }, Math.max(interval, 1000));
    // The sweep must never be what keeps the process alive.
    this.timer.unref();
  }

  /** Opens (or creates) the file and drops what expired while the bot was down. */
  static async open(options: LowdbStorageOptions): Promise<LowdbStorage> {
    if (!(options.ttlSeconds > 0)) throw new RangeError('ttlSeconds must be positive');
    const logger = options.logger ?? silentLogger;
    const db = await openJsonFile<StateDocument>({
      file: options.file,
      empty: () => ({ version: 1, items: new Map() }),
      parse: parseStateDocument,
      stringify: stringifyStateDocument,
      onCorrupt: (error, movedTo) => logger.warn('state file unreadable; starting empty', { error: error.message, movedTo }),
    });
    const storage = new LowdbStorage(db, options);
    await storage.sweep();
    return storage;
  }

  get file(): string {
    return this.db.file;
  }

  async read(keys: string[]): Promise<StoreItems> {
    if (!keys) throw new ReferenceError('Keys are required when reading.');
    const now = this.now();
    const found: StoreItems = {};
    for (const key of keys) {
      const stored = this.live(key, now);
      if (!stored) continue;
      const item = JSON.parse(itemJsonOf(stored)) as Record<string, unknown>;
      handOverRead(item, contentJsonOf(stored));
      // defineProperty, not assignment: assigning "__proto__" would replace the prototype.
      Object.defineProperty(found, key, { value: item, enumerable: true, writable: true, configurable: true });
    }
    return found;
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes) throw new ReferenceError('Changes are required when writing.');
    const now = this.now();
    const incoming = Object.entries(changes);
    // Check every key before touching any, so a conflict leaves the store as it was.
    for (const [key, item] of incoming) {
      if (typeof item !== 'object' || item === null) throw new TypeError(`Storage: item "${key}" must be an object`);
      const eTag: unknown = item.eTag;
      const current = this.live(key, now);
      if (current && eTag && eTag !== '*' && eTag !== current.eTag) throw new ETagConflictError(key);
    }
    const items = this.db.data.items;
    for (const [key, item] of incoming) {
      items.set(key, storedEntry(key, now, randomUUID(), jsonOfWrite(item)));
    }
    // Memory is already updated; if this save fails, the next one writes the same snapshot again.
    await this.persist();
  }

  /** Saves now, or schedules one save for all changes of the next flushDelayMs (longer when saves are slow, see flushDelay). */
  private async persist(): Promise<void> {
    if (this.flushDelayMs <= 0) return this.db.save();
    if (this.flushTimer) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      const started = performance.now();
      this.db.save().then(
        () => {
          this.lastSaveMs = performance.now() - started;
        },
        (error: unknown) => this.logger.error('cannot save conversation state', { error: String(error) }),
      );
    }, flushDelay(this.flushDelayMs, this.lastSaveMs));
    this.flushTimer.unref();
  }

  async delete(keys: string[]): Promise<void> {
    if (!keys) throw new ReferenceError('Keys are required when deleting.');
    const items = this.db.data.items;
    const present = keys.filter((key) => items.delete(key));
    if (present.length > 0) await this.persist();
  }

  /** Drops items idle longer than the TTL; returns how many went. */
  async sweep(): Promise<number> {
    const now = this.now();
    const items = this.db.data.items;
    const expired = [...items].filter(([, entry]) => this.isExpired(entry, now)).map(([key]) => key);
    for (const key of expired) items.delete(key);
    if (expired.length > 0) {
      await this.db.save();
      this.logger.debug('expired idle state', { count: expired.length });
    }
    return expired.length;
  }

  /** Stops the sweep and waits for pending writes. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    if (this.flushTimer) {
      clearTimeout(this.flushTimer);
      this.flushTimer = undefined;
      await this.db.save();
    }
    await this.db.close();
  }

  private live(key: string, now: number): Entry | undefined {
    const entry = this.db.data.items.get(key);
    if (!entry) return undefined;
    // Expired but not yet swept counts as gone, so the timer's pace never shows.
    return this.isExpired(entry, now) ? undefined : entry;
  }

  private isExpired(entry: Entry, now: number): boolean {
    return now - entry.writtenAt > this.ttlMs;
  }
}

function parseStateDocument(raw: unknown): StateDocument {
  if (!isRecord(raw) || raw.version !== 1 || !isRecord(raw.items)) {
    throw new JsonFileError('expected { "version": 1, "items": { … } }');
  }
  const items = new Map<string, Entry>();
  for (const [key, value] of Object.entries(raw.items)) {
    if (!isRecord(value) || typeof value.writtenAt !== 'number' || !isRecord(value.item) || typeof value.item.eTag !== 'string') {
      throw new JsonFileError(`bad entry "${key}"`);
    }
    items.set(key, storedEntry(key, value.writtenAt, value.item.eTag, jsonWithoutETag(value.item)));
  }
  return { version: 1, items };
}

/** The same text JSON.stringify would give for the document as the file holds it, from the stored members. */
function stringifyStateDocument(document: StateDocument): string {
  const members: string[] = [];
  for (const stored of document.items.values()) members.push(stored.member);
  return `{"version":1,"items":{${members.join(',')}}}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

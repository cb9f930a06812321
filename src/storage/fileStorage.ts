import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Storage, StoreItems } from 'botbuilder';
import { silentLogger, type Logger } from '../log';
import { BucketFiles } from './bucketFiles';
import { ETagConflictError } from './eTagConflict';
import { handOverRead, jsonOfWrite, jsonWithoutETag, withETag } from './itemJson';
import { Journal } from './journal';
import { decodeRecords, encodeRecord, type StateRecord } from './stateRecord';

export interface FileStorageOptions {
  /** The folder of the store, e.g. `<dataDir>/state`. One storage per folder per process. */
  readonly dir: string;
  /** Items not written for this long are dropped. */
  readonly ttlSeconds: number;
  /**
   * 0 (default): write() resolves once the change is in the journal and synced, so nothing a turn
   * saved is lost, even by kill -9 or a power cut. Otherwise changes are journalled this long after
   * they happen (batched), and a crash loses at most that much.
   */
  readonly flushDelayMs?: number;
  /** Items kept in memory besides those not yet in the bucket files (the most recently used). */
  readonly cacheItems?: number;
  /** How often changes move from the journal into the bucket files. */
  readonly checkpointMs?: number;
  /** How often the bucket files are swept of expired and superseded records; default a quarter of the TTL, at most 10 minutes. */
  readonly sweepIntervalMs?: number;
  /** A state.json of the earlier single-file store, imported once and renamed. */
  readonly legacyFile?: string;
  readonly now?: () => number;
  readonly logger?: Logger;
}

const BUCKETS = 256;
const META_FILE = 'store.json';
const DEFAULT_CACHE_ITEMS = 5000;
const DEFAULT_CHECKPOINT_MS = 1000;
/** A checkpoint starts early when this many changes wait, so they never pile up in memory. */
const CHECKPOINT_AT_CHANGES = 5000;
/** A bucket file grown by this much since its last compaction is compacted at the next checkpoint. */
const COMPACT_AFTER_BYTES = 256 * 1024;
const MAX_SWEEP_INTERVAL_MS = 10 * 60 * 1000;

/**
 * botbuilder `Storage` in a folder: an append-only journal of changes (group commit, fdatasync)
 * and 256 bucket files they are moved into every second. Memory holds only the changes not yet
 * moved, the most recently used items and a small key filter per bucket file, whatever the number
 * of conversations kept; opening reads only the journal's last seconds. eTags as MemoryStorage:
 * a write with an eTag that is neither missing, '*' nor the stored one is refused (and changes
 * nothing of its batch); each write issues a new eTag; reads return copies.
 */
export class FileStorage implements Storage {
  /** Changes not yet in the bucket files, and those being moved there now. */
  private changed = new Map<string, StateRecord>();
  private moving = new Map<string, StateRecord>();
  /** Records known to be in the bucket files, least recently used first. */
  private readonly cache = new Map<string, StateRecord>();
  /** Bumped when a checkpoint ends: a disk read that spans one is not cached. */
  private epoch = 0;
  private checkpointRun: Promise<void> | undefined;
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly ttlMs: number;
  private readonly durable: boolean;
  private readonly cacheItems: number;
  private readonly now: () => number;
  private readonly logger: Logger;
  private closed = false;

  private constructor(
    private readonly buckets: BucketFiles,
    private readonly journal: Journal,
    options: FileStorageOptions,
  ) {
    this.ttlMs = options.ttlSeconds * 1000;
    this.durable = (options.flushDelayMs ?? 0) <= 0;
    this.cacheItems = options.cacheItems ?? DEFAULT_CACHE_ITEMS;
    this.now = options.now ?? Date.now;
    this.logger = options.logger ?? silentLogger;
    const every = (ms: number, job: () => Promise<unknown>) => {
      const timer = setInterval(() => job().catch((error: unknown) => this.logger.error('state maintenance failed', { error: String(error) })), ms);
      timer.unref();
      this.timers.push(timer);
    };
    every(options.checkpointMs ?? DEFAULT_CHECKPOINT_MS, () => this.checkpoint());
    every(Math.max(1000, options.sweepIntervalMs ?? Math.min(this.ttlMs / 4, MAX_SWEEP_INTERVAL_MS)), () => this.sweep());
  }

  static async open(options: FileStorageOptions): Promise<FileStorage> {
    if (!(options.ttlSeconds > 0)) throw new RangeError('ttlSeconds must be positive');
    const bucketDir = path.join(options.dir, 'buckets');
    await mkdir(bucketDir, { recursive: true });
    const buckets = new BucketFiles(bucketDir, await bucketCount(options.dir));
    if (options.legacyFile) await importLegacy(options.legacyFile, buckets, options.logger ?? silentLogger);
    const { journal, replay } = await Journal.open(options.dir, options.flushDelayMs ?? 0);
    const storage = new FileStorage(buckets, journal, options);
    // What the journal holds is newer than the buckets: it goes in with the next checkpoint.
    for (const text of replay) for (const record of decodeRecords(text)) storage.changed.set(record.key, record);
    return storage;
  }

  async read(keys: string[]): Promise<StoreItems> {
    if (!keys) throw new ReferenceError('Keys are required when reading.');
    const found: StoreItems = {};
    const records = await Promise.all(keys.map((key) => this.recordOf(key)));
    keys.forEach((key, i) => {
      const record = records[i];
      if (!record || !this.isLive(record)) return;
      const item = JSON.parse(withETag(record.json, record.eTag)) as Record<string, unknown>;
      handOverRead(item, record.json);
      // defineProperty, not assignment: assigning "__proto__" would replace the prototype.
      Object.defineProperty(found, key, { value: item, enumerable: true, writable: true, configurable: true });
    });
    return found;
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes) throw new ReferenceError('Changes are required when writing.');
    const incoming = Object.entries(changes);
    for (const [key, item] of incoming) {
      if (typeof item !== 'object' || item === null) throw new TypeError(`Storage: item "${key}" must be an object`);
    }
    const checked = incoming.filter(([, item]) => item.eTag && item.eTag !== '*');
    // Items not in memory are looked up first; a write made meanwhile is in memory, seen below.
    const onDisk = new Map(await Promise.all(checked.map(async ([key]) => [key, await this.recordOf(key)] as const)));
    for (const [key, item] of checked) {
      const current = this.inMemory(key) ?? onDisk.get(key);
      if (current && this.isLive(current) && item.eTag !== current.eTag) throw new ETagConflictError(key);
    }
    const writtenAt = this.now();
    await this.record(incoming.map(([key, item]) => ({ key, writtenAt, eTag: randomUUID(), json: jsonOfWrite(item) })));
  }

  async delete(keys: string[]): Promise<void> {
    if (!keys) throw new ReferenceError('Keys are required when deleting.');
    const writtenAt = this.now();
    await this.record(keys.map((key) => ({ key, writtenAt, eTag: '', json: '' })));
  }

  /** Moves the changes so far from the journal into the bucket files. */
  checkpoint(): Promise<void> {
    if (this.checkpointRun) return this.checkpointRun;
    if (this.changed.size === 0) return Promise.resolve();
    const batch = this.changed;
    this.changed = new Map();
    this.moving = batch;
    // In the same tick as the swap: every change of the batch is in the segments up to `sequence`.
    const { sequence } = this.journal.rotate();
    this.checkpointRun = (async () => {
      try {
        await this.buckets.append(batch.values());
        await this.journal.dropThrough(sequence);
        for (const record of batch.values()) this.remember(record);
      } catch (error) {
        // Kept for the next checkpoint; the journal segments stay until one succeeds.
        for (const [key, record] of batch) if (!this.changed.has(key)) this.changed.set(key, record);
        throw error;
      } finally {
        this.moving = new Map();
        this.epoch += 1;
        this.checkpointRun = undefined;
      }
      for (const bucket of this.buckets.grown(COMPACT_AFTER_BYTES)) await this.buckets.compact(bucket, (record) => this.isLive(record));
    })();
    return this.checkpointRun;
  }

  /** Compacts every bucket file: drops expired items, deletions and superseded versions. Returns the items dropped. */
  async sweep(): Promise<number> {
    let dropped = 0;
    for (const bucket of await this.buckets.present()) dropped += (await this.buckets.compact(bucket, (record) => this.isLive(record))).dropped;
    if (dropped > 0) this.logger.debug('compacted state', { dropped });
    return dropped;
  }

  /** Items and bytes held in memory (for the benchmark and health). */
  get memoryItems(): number {
    return this.changed.size + this.moving.size + this.cache.size;
  }

  /** Writes everything to the journal, moves it into the buckets and stops; rejects when the final save failed. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const timer of this.timers) clearInterval(timer);
    try {
      await this.journal.flush();
      await this.checkpointRun?.catch(() => undefined);
      await this.checkpoint();
      await this.buckets.idle();
    } finally {
      await this.journal.close();
    }
  }

  private async record(records: StateRecord[]): Promise<void> {
    if (this.closed) throw new Error('the state storage is closed');
    for (const record of records) {
      this.changed.set(record.key, record);
      this.cache.delete(record.key);
    }
    const saved = this.journal.append(records.map(encodeRecord).join(''));
    if (this.changed.size >= CHECKPOINT_AT_CHANGES) this.checkpoint().catch((error: unknown) => this.logger.error('state checkpoint failed', { error: String(error) }));
    if (this.durable) return saved;
    // Memory is updated; the journal gets it within the delay. A failure is logged, the turn goes on.
    saved.catch((error: unknown) => this.logger.error('cannot save conversation state', { error: String(error) }));
  }

  private inMemory(key: string): StateRecord | undefined {
    return this.changed.get(key) ?? this.moving.get(key) ?? this.cache.get(key);
  }

  private async recordOf(key: string): Promise<StateRecord | undefined> {
    const known = this.changed.get(key) ?? this.moving.get(key);
    if (known) return known;
    const cached = this.cache.get(key);
    if (cached) {
      this.cache.delete(key);
      this.cache.set(key, cached);
      return cached;
    }
    const epoch = this.epoch;
    const found = await this.buckets.find(key);
    if (found && epoch === this.epoch && !this.changed.has(key) && !this.moving.has(key)) this.remember(found);
    return this.inMemory(key) ?? found;
  }

  private remember(record: StateRecord): void {
    this.cache.delete(record.key);
    this.cache.set(record.key, record);
    while (this.cache.size > this.cacheItems) this.cache.delete(this.cache.keys().next().value!);
  }

  private isLive(record: StateRecord): boolean {
    return record.json !== '' && this.now() - record.writtenAt <= this.ttlMs;
  }
}

/** The number of bucket files is fixed when the store is made (it decides which file a key is in). */
async function bucketCount(dir: string): Promise<number> {
  const file = path.join(dir, META_FILE);
  try {
    const meta = JSON.parse(await readFile(file, 'utf8')) as { version?: unknown; buckets?: unknown };
    if (meta.version === 1 && typeof meta.buckets === 'number' && Number.isInteger(meta.buckets) && meta.buckets > 0) return meta.buckets;
    throw new Error(`${file}: unexpected content`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    await writeFile(file, JSON.stringify({ version: 1, buckets: BUCKETS }));
    return BUCKETS;
  }
}

/** Moves the items of the earlier single-file store (state.json) into the buckets, once. */
async function importLegacy(file: string, buckets: BucketFiles, logger: Logger): Promise<void> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  const document = JSON.parse(text) as { items?: Record<string, { writtenAt?: unknown; item?: Record<string, unknown> }> };
  const records: StateRecord[] = [];
  for (const [key, entry] of Object.entries(document.items ?? {})) {
    if (typeof entry?.writtenAt !== 'number' || typeof entry.item !== 'object' || entry.item === null) continue;
    records.push({ key, writtenAt: entry.writtenAt, eTag: typeof entry.item.eTag === 'string' ? entry.item.eTag : randomUUID(), json: jsonWithoutETag(entry.item) });
  }
  await buckets.append(records);
  await rename(file, `${file}.imported`);
  logger.info('imported state from the single-file store', { items: records.length, file });
}

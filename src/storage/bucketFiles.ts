import fs from 'node:fs';
import { readdir, readFile, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { writeAll } from './journal';
import { KeyFilter } from './keyFilter';
import { decodeRecords, encodeRecord, findRecord, hash32, keyJsonsOf, type StateRecord } from './stateRecord';

const openFile = promisify(fs.open);
const datasync = promisify(fs.fdatasync);
const closeFile = promisify(fs.close);

const BUCKET_FILE = /^([0-9a-f]{2,4})\.log$/;

/** What a compaction did to one bucket file. */
export interface Compaction {
  readonly kept: number;
  readonly dropped: number;
}

/**
 * The items at rest: each key hashed into one of `count` append-only files of state records, the
 * newest record of a key last. Nothing of a file is kept in memory but a filter of its keys (about
 * two bytes a key), so memory does not grow with the number of conversations kept. Appends and
 * compactions of one file run one at a time; a reader sees a whole file, before or after.
 */
export class BucketFiles {
  private readonly filters: (KeyFilter | undefined)[];
  /** Bumped by every change of a file, so a filter built from an older read is not installed. */
  private readonly generations: Uint32Array;
  /** Bytes appended to each file since it was last compacted. */
  private readonly grownBy: Float64Array;
  private readonly chains = new Map<number, Promise<unknown>>();

  constructor(
    private readonly dir: string,
    readonly count: number,
  ) {
    this.filters = new Array<KeyFilter | undefined>(count).fill(undefined);
    this.generations = new Uint32Array(count);
    this.grownBy = new Float64Array(count);
  }

  /** The newest record of a key, or undefined when the files have none. */
  async find(key: string): Promise<StateRecord | undefined> {
    const keyJson = JSON.stringify(key);
    const bucket = this.bucketOf(keyJson);
    const filter = this.filters[bucket];
    if (filter && !filter.mayHold(keyJson)) return undefined;
    const generation = this.generations[bucket];
    const text = await this.read(bucket);
    if (!this.filters[bucket] && this.generations[bucket] === generation) this.filters[bucket] = filterOf(text);
    return findRecord(text, key);
  }

  /** Appends records, one write and one sync per file touched. */
  async append(records: Iterable<StateRecord>): Promise<void> {
    const byBucket = new Map<number, { lines: string[]; keyJsons: string[] }>();
    for (const record of records) {
      const keyJson = JSON.stringify(record.key);
      const bucket = this.bucketOf(keyJson);
      const group = byBucket.get(bucket) ?? { lines: [], keyJsons: [] };
      group.lines.push(encodeRecord(record));
      group.keyJsons.push(keyJson);
      byBucket.set(bucket, group);
    }
    await Promise.all(
      [...byBucket].map(([bucket, group]) =>
        this.exclusive(bucket, async () => {
          const bytes = Buffer.from(group.lines.join(''));
          await appendSynced(this.fileOf(bucket), bytes);
          this.generations[bucket]! += 1;
          this.grownBy[bucket]! += bytes.length;
          const filter = this.filters[bucket];
          if (filter) {
            for (const keyJson of group.keyJsons) filter.add(keyJson);
            if (filter.full) this.filters[bucket] = undefined; // rebuilt, larger, on the next read
          }
        }),
      ),
    );
  }

  /** Rewrites a file with only the newest record of each key, and only those `keep` accepts. */
  compact(bucket: number, keep: (record: StateRecord) => boolean): Promise<Compaction> {
    return this.exclusive(bucket, async () => {
      const text = await this.read(bucket);
      const newest = new Map<string, StateRecord>();
      let records = 0;
      for (const record of decodeRecords(text)) {
        records += 1;
        newest.delete(record.key);
        newest.set(record.key, record);
      }
      const kept = [...newest.values()].filter(keep);
      this.grownBy[bucket] = 0;
      if (kept.length === records && (text === '' || text.endsWith('\n'))) return { kept: kept.length, dropped: 0 };
      const file = this.fileOf(bucket);
      if (kept.length === 0) {
        await unlink(file).catch(ignoreMissing);
      } else {
        const temporary = `${file}.tmp`;
        await fs.promises.rm(temporary, { force: true });
        await appendSynced(temporary, Buffer.from(kept.map(encodeRecord).join('')));
        await rename(temporary, file);
      }
      this.generations[bucket]! += 1;
      this.filters[bucket] = KeyFilter.of(kept.map((record) => JSON.stringify(record.key)), kept.length);
      return { kept: kept.length, dropped: records - kept.length };
    });
  }

  /** The buckets that have a file. */
  async present(): Promise<number[]> {
    const names = await readdir(this.dir);
    return names.map((name) => BUCKET_FILE.exec(name)?.[1]).filter((hex): hex is string => hex !== undefined).map((hex) => parseInt(hex, 16)).filter((bucket) => bucket < this.count);
  }

  /** Buckets grown by more than `bytes` since their last compaction. */
  grown(bytes: number): number[] {
    const buckets: number[] = [];
    this.grownBy.forEach((grown, bucket) => grown > bytes && buckets.push(bucket));
    return buckets;
  }

  /** Waits for the appends and compactions under way. */
  async idle(): Promise<void> {
    while (this.chains.size > 0) await Promise.allSettled(this.chains.values());
  }

  private bucketOf(keyJson: string): number {
    return hash32(keyJson, 0x1b873593) % this.count;
  }

  private fileOf(bucket: number): string {
    return path.join(this.dir, `${bucket.toString(16).padStart(2, '0')}.log`);
  }

  private async read(bucket: number): Promise<string> {
    try {
      return await readFile(this.fileOf(bucket), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
      throw error;
    }
  }

  private exclusive<T>(bucket: number, job: () => Promise<T>): Promise<T> {
    const previous = this.chains.get(bucket) ?? Promise.resolve();
    const run = previous.then(job, job);
    const tail = run.catch(() => undefined);
    this.chains.set(bucket, tail);
    void tail.then(() => {
      if (this.chains.get(bucket) === tail) this.chains.delete(bucket);
    });
    return run;
  }
}

function filterOf(text: string): KeyFilter {
  const keyJsons = [...keyJsonsOf(text)];
  return KeyFilter.of(keyJsons, keyJsons.length);
}

async function appendSynced(file: string, bytes: Buffer): Promise<void> {
  const fd = await openFile(file, 'a');
  try {
    await writeAll(fd, bytes);
    await datasync(fd);
  } finally {
    await closeFile(fd);
  }
}

function ignoreMissing(error: NodeJS.ErrnoException): void {
  if (error.code !== 'ENOENT') throw error;
}

import fs from 'node:fs';
import { readdir, readFile, unlink } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const write = promisify(fs.write);
const datasync = promisify(fs.fdatasync);
const close = promisify(fs.close);

const SEGMENT = /^journal-(\d{6,})\.log$/;

function segmentName(sequence: number): string {
  return `journal-${String(sequence).padStart(6, '0')}.log`;
}

async function segmentsIn(dir: string): Promise<number[]> {
  return (await readdir(dir))
    .map((name) => SEGMENT.exec(name)?.[1])
    .filter((digits): digits is string => digits !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}

interface Batch {
  readonly lines: string[];
  readonly waiters: { resolve: () => void; reject: (error: unknown) => void }[];
}

/**
 * An append-only log of state changes, in numbered segments. Lines appended while a write is on
 * its way go together in the next one, with one fdatasync (group commit); append() resolves once
 * its line is on disk. Writes run one at a time. A segment is deleted once the changes in it are
 * in the bucket files (FileStorage's checkpoint).
 */
export class Journal {
  private batch: Batch = { lines: [], waiters: [] };
  private chain: Promise<void> = Promise.resolve();
  private flushQueued = false;
  private timer: NodeJS.Timeout | undefined;

  private constructor(
    private readonly dir: string,
    private fd: number,
    private sequence: number,
    /** How long a line may wait for others before they are written (0: as soon as the disk is free). */
    private readonly delayMs: number,
  ) {}

  /** Starts a new segment after the existing ones; returns the text of those, oldest first, to replay. */
  static async open(dir: string, delayMs: number): Promise<{ journal: Journal; replay: string[] }> {
    const existing = await segmentsIn(dir);
    const replay = await Promise.all(existing.map((sequence) => readFile(path.join(dir, segmentName(sequence)), 'utf8')));
    const sequence = (existing.at(-1) ?? 0) + 1;
    const fd = fs.openSync(path.join(dir, segmentName(sequence)), 'a');
    return { journal: new Journal(dir, fd, sequence, delayMs), replay };
  }

  /** Resolves once the line is written and synced; rejects if that write failed. */
  append(line: string): Promise<void> {
    const done = new Promise<void>((resolve, reject) => this.batch.waiters.push({ resolve, reject }));
    this.batch.lines.push(line);
    if (this.delayMs <= 0) this.queueFlush();
    else if (!this.timer && !this.flushQueued) {
      this.timer = setTimeout(() => this.queueFlush(), this.delayMs);
      this.timer.unref();
    }
    return done;
  }

  /** Writes what was appended so far; resolves when it is on disk. */
  flush(): Promise<void> {
    this.queueFlush();
    return this.chain;
  }

  /**
   * Continues in a new segment from now on: lines appended before this call are in the segments up
   * to the returned sequence, later ones after it. `written` settles once those are on disk.
   */
  rotate(): { readonly sequence: number; readonly written: Promise<void> } {
    const closed = this.sequence;
    const batch = this.take();
    const fd = this.fd;
    this.fd = fs.openSync(path.join(this.dir, segmentName(closed + 1)), 'a');
    this.sequence = closed + 1;
    const written = this.enqueue(async () => {
      try {
        await this.writeBatch(fd, batch);
      } finally {
        await close(fd);
      }
    });
    return { sequence: closed, written };
  }

  /** Deletes the segments up to and including `sequence`. */
  async dropThrough(sequence: number): Promise<void> {
    const names = (await segmentsIn(this.dir)).filter((n) => n <= sequence).map(segmentName);
    await Promise.all(names.map((name) => unlink(path.join(this.dir, name))));
  }

  /** Writes what is pending and closes; rejects when that write failed. */
  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    const batch = this.take();
    const fd = this.fd;
    await this.enqueue(async () => {
      try {
        await this.writeBatch(fd, batch);
      } finally {
        await close(fd);
      }
    });
  }

  private queueFlush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.flushQueued) return;
    this.flushQueued = true;
    // The batch is taken when the write starts, so everything appended meanwhile goes with it.
    void this.enqueue(() => {
      this.flushQueued = false;
      return this.writeBatch(this.fd, this.take());
    }).catch(ignore);
  }

  private take(): Batch {
    const batch = this.batch;
    this.batch = { lines: [], waiters: [] };
    return batch;
  }

  private async writeBatch(fd: number, batch: Batch): Promise<void> {
    if (batch.lines.length === 0) return;
    try {
      await writeAll(fd, Buffer.from(batch.lines.join('')));
      await datasync(fd);
    } catch (error) {
      for (const waiter of batch.waiters) waiter.reject(error);
      throw error;
    }
    for (const waiter of batch.waiters) waiter.resolve();
  }

  private enqueue(job: () => Promise<void>): Promise<void> {
    const run = this.chain.then(job);
    this.chain = run.catch(ignore);
    return run;
  }
}

/** Writes the whole buffer at the end of the file (a write may take only part of it). */
export async function writeAll(fd: number, bytes: Buffer): Promise<void> {
  for (let offset = 0; offset < bytes.length; ) {
    const { bytesWritten } = await write(fd, bytes, offset, bytes.length - offset);
    offset += bytesWritten;
  }
}

function ignore(): void {
  // A failed write was reported to its lines' waiters.
}

import { mkdir, rename } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import { DataFile } from 'lowdb/node';

/** A JSON document kept in memory and saved whole to one file. */
export interface JsonFile<T> {
  readonly file: string;
  /** The live document; mutate it synchronously, then call save(). */
  readonly data: T;
  /** Resolves once a snapshot that includes every change made so far is on disk. */
  save(): Promise<void>;
  /** Waits for pending saves and releases the file. Further saves are refused. */
  close(): Promise<void>;
}

export interface OpenJsonFileOptions<T> {
  readonly file: string;
  /** The document to start with when the file does not exist yet. */
  readonly empty: () => T;
  /** Checks the parsed file and returns it typed; throws when the shape is wrong. */
  readonly parse: (raw: unknown) => T;
  /**
   * A save waits this long, and every save made meanwhile shares its write: a burst of changes
   * costs one file write. close() writes what is waiting. Default 0: every save starts a write.
   */
  readonly writeDelayMs?: number;
  /** Turns the document into the file's text; compact JSON.stringify by default. */
  readonly stringify?: (data: T) => string;
  /** Only read: a bad file is an error instead of being moved aside, and save() is refused. */
  readonly readOnly?: boolean;
  /** Told when an unreadable file was moved aside and an empty document used instead. */
  readonly onCorrupt?: (error: Error, movedTo: string) => void;
}

export class JsonFileError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'JsonFileError';
  }
}

// Two writers on one file in one process would share steno's temp file and overwrite each other.
const openFiles = new Set<string>();

/**
 * Opens a lowdb document. Saves go through steno, which writes `.<name>.tmp` beside the file and
 * renames it over the original, so a crash leaves either the old or the new file, never half of one.
 * (It does not fsync: after a power cut the newest writes may be missing, never half-written.)
 */
export async function openJsonFile<T>(options: OpenJsonFileOptions<T>): Promise<JsonFile<T>> {
  const file = path.resolve(options.file);
  if (openFiles.has(file)) throw new JsonFileError(`${file} is already open in this process`);
  if (!options.readOnly) await mkdir(path.dirname(file), { recursive: true });

  // Compact JSON: the whole document is rewritten on every save, so size matters more than looks.
  const adapter = new DataFile<T>(file, { parse: (text) => options.parse(JSON.parse(text)), stringify: options.stringify ?? ((data) => JSON.stringify(data)) });
  const db = new Low<T>(adapter, options.empty());
  try {
    await db.read();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (options.readOnly || !isBadContent(error)) {
      throw new JsonFileError(`cannot read ${file}: ${reason}`, { cause: error });
    }
    // Keep the bad file for inspection rather than refusing to start or silently overwriting it.
    const movedTo = `${file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    await rename(file, movedTo);
    db.data = options.empty();
    options.onCorrupt?.(new JsonFileError(`unreadable ${file}: ${reason}`, { cause: error }), movedTo);
  }

  openFiles.add(file);
  let closed = false;
  // At most one write on disk and one waiting. Every save made while a write is in flight shares
  // the waiting one: the document is serialised once per disk write, not once per change, which
  // keeps a burst of changes to a large document from costing a full stringify each.
  let writing: Promise<void> | undefined;
  let waiting: Promise<void> | undefined;

  const write = (): Promise<void> => {
    const current = db.write().finally(() => {
      if (writing === current) writing = undefined;
    });
    writing = current;
    return current;
  };

  const saveNow = (): Promise<void> => {
    if (waiting) return waiting;
    if (!writing) return write();
    const next = writing
      .catch(() => undefined)
      .then(() => {
        waiting = undefined;
        return write();
      });
    waiting = next;
    return next;
  };

  // A save that waits for writeDelayMs; every save until then returns the same promise.
  const delayMs = options.writeDelayMs ?? 0;
  let delayed: { readonly done: Promise<void>; readonly timer: NodeJS.Timeout; settle(write: Promise<void>): void } | undefined;

  const writeDelayed = (): void => {
    const pending = delayed;
    if (!pending) return;
    delayed = undefined;
    clearTimeout(pending.timer);
    pending.settle(saveNow());
  };

  const save = (): Promise<void> => {
    if (closed) return Promise.reject(new JsonFileError(`${file} is closed`));
    if (options.readOnly) return Promise.reject(new JsonFileError(`${file} was opened read-only`));
    if (delayMs <= 0) return saveNow();
    if (delayed) return delayed.done;
    let settle!: (write: Promise<void>) => void;
    const done = new Promise<void>((resolve, reject) => {
      settle = (write) => write.then(resolve, reject);
    });
    const timer = setTimeout(writeDelayed, delayMs);
    // A waiting save must not keep the process alive; close() writes it.
    timer.unref();
    delayed = { done, timer, settle };
    return done;
  };

  /** Waits for pending writes; rejects when the last one, the one holding every change, failed. */
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    writeDelayed();
    // The waiting save settles only after its own write, so it is the last one when there is one.
    const last = waiting ?? writing;
    await Promise.allSettled([writing, waiting]);
    openFiles.delete(file);
    if (last) await last;
  };

  return {
    file,
    get data() {
      return db.data;
    },
    save,
    close,
  };
}

/** A syntax or shape error, as opposed to an I/O failure that must not be papered over. */
function isBadContent(error: unknown): boolean {
  return error instanceof SyntaxError || error instanceof JsonFileError;
}

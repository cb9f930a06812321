import path from 'node:path';
import { silentLogger, type Logger } from '../log';
import { JsonFileError, openJsonFile, type JsonFile } from '../storage/jsonFile';
import { appendCapped, DEFAULT_MAX_RECORDS, toRecord, type UnansweredEntry, type UnansweredRecord, type UnansweredStore } from './unansweredStore';

interface UnansweredDocument {
  readonly version: 1;
  readonly records: UnansweredRecord[];
}

export interface UnansweredLogOptions {
  /** Usually `<dataDir>/unanswered.json`. */
  readonly file: string;
  /** Newest records kept; older ones are dropped. */
  readonly maxRecords?: number;
  /** For the report: never writes, and a damaged file is an error rather than moved aside. */
  readonly readOnly?: boolean;
  readonly now?: () => Date;
  readonly logger?: Logger;
  /** Records of this long are written to the file together (see JsonFile); default 0, each at once. */
  readonly writeDelayMs?: number;
}

export const UNANSWERED_FILE = 'unanswered.json';

export function unansweredLogFile(dataDir: string): string {
  return path.join(dataDir, UNANSWERED_FILE);
}

/** The unanswered questions, kept in one lowdb JSON file. */
export class UnansweredLog implements UnansweredStore {
  private constructor(
    private readonly db: JsonFile<UnansweredDocument>,
    private readonly maxRecords: number,
    private readonly now: () => Date,
  ) {}

  static async open(options: UnansweredLogOptions): Promise<UnansweredLog> {
    const maxRecords = options.maxRecords ?? DEFAULT_MAX_RECORDS;
    if (!Number.isInteger(maxRecords) || maxRecords < 1) throw new RangeError('maxRecords must be a positive integer');
    const logger = options.logger ?? silentLogger;
    const db = await openJsonFile<UnansweredDocument>({
      file: options.file,
      empty: () => ({ version: 1, records: [] }),
      parse: parseDocument,
      readOnly: options.readOnly ?? false,
      writeDelayMs: options.writeDelayMs ?? 0,
      onCorrupt: (error, movedTo) => logger.warn('unanswered log unreadable; starting empty', { error: error.message, movedTo }),
    });
    return new UnansweredLog(db, maxRecords, options.now ?? (() => new Date()));
  }

  get file(): string {
    return this.db.file;
  }

  async record(entry: UnansweredEntry): Promise<void> {
    const record = toRecord(entry, this.now());
    if (!record) return;
    appendCapped(this.db.data.records, record, this.maxRecords);
    await this.db.save();
  }

  async list(): Promise<UnansweredRecord[]> {
    return structuredClone(this.db.data.records);
  }

  close(): Promise<void> {
    return this.db.close();
  }
}

function parseDocument(raw: unknown): UnansweredDocument {
  if (typeof raw !== 'object' || raw === null || !('records' in raw) || !Array.isArray(raw.records)) {
    throw new JsonFileError('expected { "version": 1, "records": [ … ] }');
  }
  // Skip bad records instead of failing: one odd line must not hide the rest of the feedback.
  const records = raw.records.filter(isRecord);
  return { version: 1, records };
}

function isRecord(value: unknown): value is UnansweredRecord {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Partial<Record<keyof UnansweredRecord, unknown>>;
  return (
    typeof record.text === 'string' &&
    typeof record.time === 'string' &&
    typeof record.conversationId === 'string' &&
    Array.isArray(record.guesses) &&
    record.guesses.every((guess: unknown) => typeof guess === 'object' && guess !== null && 'intent' in guess && typeof guess.intent === 'string' && 'score' in guess && typeof guess.score === 'number')
  );
}

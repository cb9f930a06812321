/** An intent the classifier considered, with its score. */
export interface Guess {
  readonly intent: string;
  readonly score: number;
}

/** A question the bot could not answer, as kept. */
export interface UnansweredRecord {
  readonly text: string;
  /** ISO 8601, UTC. */
  readonly time: string;
  readonly conversationId: string;
  /** Best first. */
  readonly guesses: readonly Guess[];
}

/** What a caller hands over; time defaults to now. */
export interface UnansweredEntry {
  readonly text: string;
  readonly conversationId: string;
  readonly guesses?: readonly Guess[];
  readonly time?: Date;
}

/** Where unanswered questions go. The bot only records; the report only lists. */
export interface UnansweredStore {
  /** Keeps the entry; blank text is ignored (nothing to learn from it). */
  record(entry: UnansweredEntry): Promise<void>;
  /** Oldest first. */
  list(): Promise<UnansweredRecord[]>;
}

export const DEFAULT_MAX_RECORDS = 5000;
/** Longer messages are cut: a pasted document must not bloat the log. */
export const MAX_TEXT_LENGTH = 500;
const MAX_GUESSES = 3;

/** Cleans an entry into a record, or returns undefined when there is nothing worth keeping. */
export function toRecord(entry: UnansweredEntry, now: Date): UnansweredRecord | undefined {
  const text = entry.text.replace(/\s+/g, ' ').trim().slice(0, MAX_TEXT_LENGTH);
  if (!text) return undefined;
  const guesses = (entry.guesses ?? [])
    .filter((guess) => guess.intent && Number.isFinite(guess.score))
    .map((guess) => ({ intent: guess.intent, score: Math.round(guess.score * 1000) / 1000 }))
    .sort((a, b) => b.score - a.score)
    .slice(0, MAX_GUESSES);
  return { text, time: (entry.time ?? now).toISOString(), conversationId: entry.conversationId, guesses };
}

/** Appends in place and drops the oldest beyond the cap, so the log cannot grow without bound. */
export function appendCapped(records: UnansweredRecord[], record: UnansweredRecord, maxRecords: number): void {
  records.push(record);
  if (records.length > maxRecords) records.splice(0, records.length - maxRecords);
}

/** An in-memory store for tests of the code that records. */
export class MemoryUnansweredStore implements UnansweredStore {
  private readonly records: UnansweredRecord[] = [];

  constructor(
    private readonly maxRecords = DEFAULT_MAX_RECORDS,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async record(entry: UnansweredEntry): Promise<void> {
    const record = toRecord(entry, this.now());
    if (record) appendCapped(this.records, record, this.maxRecords);
  }

  async list(): Promise<UnansweredRecord[]> {
    return structuredClone(this.records);
  }
}

/**
 * "Did you mean…" choices people made, kept in a lowdb JSON file: which questions the classifier
 * found ambiguous and what they meant — examples worth adding to the knowledge base.
 */
import path from 'node:path';
import { silentLogger, type Logger } from '../log';
import { JsonFileError, openJsonFile, type JsonFile } from '../storage/jsonFile';

export interface ChoiceRecord {
  readonly text: string;
  readonly chosen: string;
  readonly conversationId: string;
  readonly time: string;
}

interface ChoiceDocument {
  readonly version: 1;
  readonly records: ChoiceRecord[];
}

export const CHOICES_FILE = 'choices.json';
const MAX_RECORDS = 5000;

export class ChoiceLog {
  private constructor(private readonly db: JsonFile<ChoiceDocument>) {}

  /** writeDelayMs: choices of this long are written to the file together (see JsonFile); default 0, each at once. */
  static async open(dataDir: string, logger: Logger = silentLogger, options: { readonly writeDelayMs?: number } = {}): Promise<ChoiceLog> {
    const db = await openJsonFile<ChoiceDocument>({
      file: path.join(dataDir, CHOICES_FILE),
      writeDelayMs: options.writeDelayMs ?? 0,
      empty: () => ({ version: 1, records: [] }),
      parse: (raw) => {
        if (typeof raw !== 'object' || raw === null || !('records' in raw) || !Array.isArray(raw.records)) {
          throw new JsonFileError('expected { "version": 1, "records": [ … ] }');
        }
        return { version: 1, records: raw.records as ChoiceRecord[] };
      },
      onCorrupt: (error, movedTo) => logger.warn('choice log unreadable; starting empty', { error: error.message, movedTo }),
    });
    return new ChoiceLog(db);
  }

  async record(entry: Omit<ChoiceRecord, 'time'>): Promise<void> {
    const records = this.db.data.records;
    records.push({ ...entry, text: entry.text.slice(0, 500), time: new Date().toISOString() });
    if (records.length > MAX_RECORDS) records.splice(0, records.length - MAX_RECORDS);
    await this.db.save();
  }

  list(): ChoiceRecord[] {
    return structuredClone(this.db.data.records);
  }

  close(): Promise<void> {
    return this.db.close();
  }
}

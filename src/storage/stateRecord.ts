/**
 * One stored version of a state item, as a line of the journal and of a bucket file:
 *   <key as JSON> TAB <writtenAt ms> TAB <eTag as JSON> TAB <item JSON without its eTag, empty when deleted> LF
 * JSON never holds a raw tab or line feed, so a line splits without parsing, and a line is whole
 * exactly when its line feed is there: a write cut short by a crash leaves a tail that is ignored.
 */
export interface StateRecord {
  readonly key: string;
  readonly writtenAt: number;
  readonly eTag: string;
  /** The item's JSON without its eTag; '' for a deletion. */
  readonly json: string;
}

export function encodeRecord(record: StateRecord): string {
  return `${JSON.stringify(record.key)}\t${record.writtenAt}\t${JSON.stringify(record.eTag)}\t${record.json}\n`;
}

/** The records of a file's text, in order; the unterminated tail and malformed lines are skipped. */
export function* decodeRecords(text: string): Generator<StateRecord> {
  let start = 0;
  for (let end = text.indexOf('\n'); end >= 0; start = end + 1, end = text.indexOf('\n', start)) {
    const record = decodeLine(text.slice(start, end));
    if (record) yield record;
  }
}

/** The last record of `key` in a file's text (the newest version), if any. */
export function findRecord(text: string, key: string): StateRecord | undefined {
  const needle = `${JSON.stringify(key)}\t`;
  let found: StateRecord | undefined;
  let at = text.startsWith(needle) ? 0 : nextLineWith(text, needle, 0);
  while (at >= 0) {
    const end = text.indexOf('\n', at);
    if (end < 0) break;
    found = decodeLine(text.slice(at, end)) ?? found;
    at = nextLineWith(text, needle, end);
  }
  return found;
}

function nextLineWith(text: string, needle: string, from: number): number {
  const at = text.indexOf(`\n${needle}`, from);
  return at < 0 ? -1 : at + 1;
}

/** The key part of each whole line (still as JSON): what the key filters are built from. */
export function* keyJsonsOf(text: string): Generator<string> {
  let start = 0;
  for (let end = text.indexOf('\n'); end >= 0; start = end + 1, end = text.indexOf('\n', start)) {
    const tab = text.indexOf('\t', start);
    if (tab > start && tab < end) yield text.slice(start, tab);
  }
}

function decodeLine(line: string): StateRecord | undefined {
  const first = line.indexOf('\t');
  const second = line.indexOf('\t', first + 1);
  const third = line.indexOf('\t', second + 1);
  if (first < 0 || second < 0 || third < 0) return undefined;
  try {
    const key: unknown = JSON.parse(line.slice(0, first));
    const writtenAt = Number(line.slice(first + 1, second));
    const eTag: unknown = JSON.parse(line.slice(second + 1, third));
    if (typeof key !== 'string' || !Number.isFinite(writtenAt) || typeof eTag !== 'string') return undefined;
    return { key, writtenAt, eTag, json: line.slice(third + 1) };
  } catch {
    return undefined;
  }
}

/** A 32-bit hash of a string (murmur-style mixing); different seeds give unrelated hashes. */
export function hash32(text: string, seed: number): number {
  let h = seed ^ text.length;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 0x5bd1e995);
    h ^= h >>> 15;
  }
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

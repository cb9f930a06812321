/**
 * The JSON of a state item without its eTag, handed between a state and LowdbStorage so that the
 * same object is not serialised twice: LowdbStorage keeps items as JSON and has it for what it
 * reads; a state compares JSON to detect changes and has it for what it writes. Each hand-over is
 * taken once, at once: an object a caller may have changed since is never trusted (botbuilder's
 * own BotState, for one, writes back the very object it read).
 */
const fromStorage = new WeakMap<object, string>();
const toStorage = new WeakMap<object, string>();

/** LowdbStorage: the JSON of an item it has just parsed for a read. */
export function handOverRead(item: object, json: string): void {
  fromStorage.set(item, json);
}

/** A state: the JSON of an item it has just built for a write. */
export function handOverWrite(item: object, json: string): void {
  toStorage.set(item, json);
}

/** A state, on loading what the storage read: the JSON handed over, or made now. */
export function jsonOfRead(item: Record<string, unknown>): string {
  return take(fromStorage, item) ?? jsonWithoutETag(item);
}

/** LowdbStorage, on writing: the JSON handed over, or made now. */
export function jsonOfWrite(item: Record<string, unknown>): string {
  return take(toStorage, item) ?? jsonWithoutETag(item);
}

export function jsonWithoutETag(item: Record<string, unknown>): string {
  if (!Object.hasOwn(item, 'eTag')) return JSON.stringify(item);
  const { eTag: _eTag, ...content } = item;
  return JSON.stringify(content);
}

/** The item's JSON with `eTag` added as its last member, from its JSON without one. */
export function withETag(contentJson: string, eTag: string): string {
  const tail = `"eTag":${JSON.stringify(eTag)}}`;
  return contentJson === '{}' ? `{${tail}` : `${contentJson.slice(0, -1)},${tail}`;
}

function take(map: WeakMap<object, string>, item: object): string | undefined {
  const json = map.get(item);
  if (json !== undefined) map.delete(item);
  return json;
}

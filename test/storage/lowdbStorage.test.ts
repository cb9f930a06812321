import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ETagConflictError, isETagConflict } from '../../src/storage/eTagConflict';
import { flushDelay, LowdbStorage, type LowdbStorageOptions } from '../../src/storage/lowdbStorage';
import { createLogger } from '../../src/log';
import { manualClock, useTempDir } from './support';

const TTL_SECONDS = 3600;
const dir = useTempDir('lowdb-storage');
const opened: LowdbStorage[] = [];

async function open(overrides: Partial<LowdbStorageOptions> = {}): Promise<LowdbStorage> {
  const storage = await LowdbStorage.open({ file: path.join(dir(), 'state.json'), ttlSeconds: TTL_SECONDS, ...overrides });
  opened.push(storage);
  return storage;
}

async function fileContents(): Promise<{ version: number; items: Record<string, { writtenAt: number; item: Record<string, unknown> }> }> {
  return JSON.parse(await readFile(path.join(dir(), 'state.json'), 'utf8'));
}

afterEach(async () => {
  await Promise.all(opened.splice(0).map((storage) => storage.close()));
});

describe('LowdbStorage reads and writes', () => {
  it('returns nothing for keys it does not hold', async () => {
    const storage = await open();
    await expect(storage.read(['nobody', 'nothing'])).resolves.toEqual({});
  });

  it('returns only the keys that exist', async () => {
    const storage = await open();
    await storage.write({ a: { count: 1 } });
    const items = await storage.read(['a', 'missing']);
    expect(Object.keys(items)).toEqual(['a']);
    expect(items.a).toMatchObject({ count: 1, eTag: expect.any(String) });
  });

  it('hands out copies, and does not keep or change the caller’s object', async () => {
    const storage = await open();
    const original = { nested: { value: 1 } };
    await storage.write({ a: original });
    original.nested.value = 2;
    expect(original).toEqual({ nested: { value: 2 } });

    const first = await storage.read(['a']);
    first.a.nested.value = 3;
    const second = await storage.read(['a']);
    expect(second.a.nested.value).toBe(1);
  });

  it('stores an item read, changed in place and written back as changed (as botbuilder’s BotState does)', async () => {
    const storage = await open();
    await storage.write({ a: { count: 1, list: [1] } });
    const { a } = await storage.read(['a']);
    a.count = 2;
    a.list.push(2);
    await storage.write({ a });
    expect((await storage.read(['a'])).a).toMatchObject({ count: 2, list: [1, 2] });
  });

  it('issues a new eTag on every write', async () => {
    const storage = await open();
    const seen = new Set<string>();
    for (let i = 0; i < 5; i++) {
      await storage.write({ a: { i, eTag: '*' } });
      seen.add((await storage.read(['a'])).a.eTag);
    }
    expect(seen.size).toBe(5);
  });

  it('keeps a key such as "__proto__" like any other', async () => {
    const storage = await open();
    await storage.write(JSON.parse('{"__proto__": {"odd": true}}'));
    const items = await storage.read(['__proto__']);
    expect(Object.getOwnPropertyDescriptor(items, '__proto__')?.value).toMatchObject({ odd: true });
  });
});

describe('LowdbStorage eTags, as MemoryStorage', () => {
  async function stored(storage: LowdbStorage): Promise<{ count: number; eTag: string }> {
    return (await storage.read(['a'])).a;
  }

  it.each([
    ['the matching eTag', (eTag: string) => eTag],
    ["the wildcard '*'", () => '*'],
    ['no eTag at all', () => undefined],
  ])('accepts a write with %s', async (_label, pick) => {
    const storage = await open();
    await storage.write({ a: { count: 1 } });
    const { eTag } = await stored(storage);
    await storage.write({ a: { count: 2, eTag: pick(eTag) } });
    expect((await stored(storage)).count).toBe(2);
  });

  it('rejects a write with a stale eTag and keeps the newer item', async () => {
    const storage = await open();
    await storage.write({ a: { count: 1 } });
    const stale = await stored(storage);
    await storage.write({ a: { count: 2, eTag: stale.eTag } });

    const failure = storage.write({ a: { count: 99, eTag: stale.eTag } });
    await expect(failure).rejects.toThrow(ETagConflictError);
    await expect(failure).rejects.toThrow('Storage: error writing "a" due to eTag conflict.');
    expect((await stored(storage)).count).toBe(2);
  });

  it('accepts any eTag for an item that does not exist yet', async () => {
    const storage = await open();
    await storage.write({ fresh: { eTag: 'from-elsewhere', value: 1 } });
    expect((await storage.read(['fresh'])).fresh.value).toBe(1);
  });

  it('writes nothing of a batch when one of its keys conflicts', async () => {
    const storage = await open();
    await storage.write({ a: { count: 1 } });
    await expect(storage.write({ b: { count: 1 }, a: { count: 5, eTag: 'stale' } })).rejects.toThrow(ETagConflictError);
    expect(await storage.read(['a', 'b'])).toEqual({ a: expect.objectContaining({ count: 1 }) });
  });

  it('recognises conflicts from every storage by one function', () => {
    expect(isETagConflict(new ETagConflictError('k'))).toBe(true);
    expect(isETagConflict(new Error('Storage: error writing "k" due to eTag conflict.'))).toBe(true);
    expect(isETagConflict(Object.assign(new Error('precondition failed'), { statusCode: 412 }))).toBe(true);
    expect(isETagConflict(new Error('disk full'))).toBe(false);
    expect(isETagConflict('eTag conflict')).toBe(false);
  });
});

describe('LowdbStorage delete', () => {
  it('removes the given keys and ignores unknown ones', async () => {
    const storage = await open();
    await storage.write({ a: { v: 1 }, b: { v: 2 } });
    await storage.delete(['a', 'never-there']);
    expect(Object.keys(await storage.read(['a', 'b']))).toEqual(['b']);
    expect(Object.keys((await fileContents()).items)).toEqual(['b']);
  });
});

describe('LowdbStorage persistence', () => {
  it('lets a new instance on the same file read what the last one wrote', async () => {
    const first = await open();
    await first.write({ a: { count: 7 }, b: { list: [1, 2] } });
    const before = await first.read(['a', 'b']);
    await first.close();

    const second = await open();
    expect(await second.read(['a', 'b'])).toEqual(before);
    // The eTag survives the restart, so a write from before it is still caught.
    await second.write({ a: { count: 8, eTag: before.a.eTag } });
    await expect(second.write({ a: { count: 9, eTag: before.a.eTag } })).rejects.toThrow(ETagConflictError);
  });

  it('writes the file as plain JSON, whatever characters the keys and values hold', async () => {
    const first = await open();
    const key = 'msteams/conversations/a:1"b\\c\n\u2028é/';
    await first.write({ [key]: { text: 'line\n"quoted" \u2028 ✓', n: [1.5, null, true] } });
    const before = await first.read([key]);
    await first.close();

    const file = await fileContents();
    expect(Object.keys(file.items)).toEqual([key]);
    expect(file.items[key]!.item).toEqual(before[key]);
    expect(await (await open()).read([key])).toEqual(before);
  });

  it('refuses a second open of a file this process already has open', async () => {
    await open();
    await expect(open()).rejects.toThrow(/already open/);
  });

  it('moves an unreadable file aside, says so, and starts empty', async () => {
    await writeFile(path.join(dir(), 'state.json'), '{"version": 1, "items": {"a": ');
    const warnings: string[] = [];
    const storage = await open({ logger: createLogger('warn', (line) => warnings.push(line)) });

    expect(await storage.read(['a'])).toEqual({});
    expect(warnings.join('\n')).toMatch(/state file unreadable/);
    const names = await readdir(dir());
    expect(names.some((name) => name.startsWith('state.json.corrupt-'))).toBe(true);
  });
});

describe('LowdbStorage expiry of idle items', () => {
  const ttlMs = TTL_SECONDS * 1000;

  it('stops returning an item once it has been idle longer than the TTL', async () => {
    const clock = manualClock();
    const storage = await open({ now: clock.now });
    await storage.write({ idle: { v: 1 }, busy: { v: 1 } });
    clock.advance(ttlMs / 2);
    await storage.write({ busy: { v: 2 } });
    clock.advance(ttlMs / 2 + 1);

    expect(Object.keys(await storage.read(['idle', 'busy']))).toEqual(['busy']);
  });

  it('removes idle items from the file on a sweep', async () => {
    const clock = manualClock();
    const storage = await open({ now: clock.now });
    await storage.write({ idle: { v: 1 } });
    clock.advance(ttlMs / 2);
    await storage.write({ busy: { v: 1 } });
    clock.advance(ttlMs / 2 + 1);

    await expect(storage.sweep()).resolves.toBe(1);
    expect(Object.keys((await fileContents()).items)).toEqual(['busy']);
  });

  it('removes items that expired while no instance was running, at open', async () => {
    const clock = manualClock();
    const first = await open({ now: clock.now });
    await first.write({ old: { v: 1 } });
    await first.close();

    clock.advance(ttlMs + 1);
    await open({ now: clock.now });
    expect((await fileContents()).items).toEqual({});
  });

  it('sweeps idle items on its own timer', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    try {
      const clock = manualClock();
      let sweptCount = 0;
      const swept = new Promise<void>((resolve) => {
        const logger = createLogger('debug', (line) => {
          const entry = JSON.parse(line);
          if (entry.message === 'expired idle state') {
            sweptCount = entry.count;
            resolve();
          }
        });
        void open({ now: clock.now, logger, sweepIntervalMs: 60_000 }).then(async (storage) => {
          await storage.write({ idle: { v: 1 } });
          clock.advance(ttlMs + 1);
          jest.advanceTimersByTime(60_000);
        });
      });
      await swept;
      expect(sweptCount).toBe(1);
      expect((await fileContents()).items).toEqual({});
    } finally {
      jest.useRealTimers();
    }
  });
});

describe('LowdbStorage under concurrent writes', () => {
  it('leaves a valid file holding the last value of every key, never a half-written one', async () => {
    const storage = await open();
    const file = path.join(dir(), 'state.json');
    const keys = Array.from({ length: 20 }, (_, i) => `conversation-${i}`);

    // A reader polls the file while writers race, as a crash at any moment would see it.
    let writing = true;
    let snapshots = 0;
    const reader = (async () => {
      while (writing) {
        const text = await readFile(file, 'utf8').catch(() => '');
        if (text) {
          expect(() => JSON.parse(text)).not.toThrow();
          snapshots++;
        }
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();

    const rounds = 10;
    const writes: Promise<void>[] = [];
    for (let round = 1; round <= rounds; round++) {
      for (const key of keys) writes.push(storage.write({ [key]: { round, text: 'x'.repeat(200), eTag: '*' } }));
    }
    await Promise.all(writes);
    writing = false;
    await reader;

    expect(snapshots).toBeGreaterThan(0);
    const saved = await fileContents();
    expect(Object.keys(saved.items).sort()).toEqual([...keys].sort());
    for (const key of keys) expect(saved.items[key]!.item.round).toBe(rounds);
    // steno's temp file is renamed over the target, so none is left behind.
    expect(await readdir(dir())).toEqual(['state.json']);
  });
});

describe('LowdbStorage with delayed writes', () => {
  it('answers from memory at once, writes the file once for a burst, and flushes on close', async () => {
    const storage = await open({ flushDelayMs: 60_000 });
    for (let i = 0; i < 5; i++) await storage.write({ [`k${i}`]: { count: i } });
    await expect(storage.read(['k4'])).resolves.toMatchObject({ k4: { count: 4 } });
    // Nothing on disk yet: the write is scheduled, not awaited.
    await expect(readFile(path.join(dir(), 'state.json'), 'utf8')).rejects.toThrow();
    await storage.close();
    const file = await fileContents();
    expect(Object.keys(file.items).sort()).toEqual(['k0', 'k1', 'k2', 'k3', 'k4']);
  });

  it('writes the file after the delay without being closed', async () => {
    const storage = await open({ flushDelayMs: 20 });
    await storage.write({ a: { count: 1 } });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await fileContents()).items.a?.item).toMatchObject({ count: 1 });
  });

  it('waits longer between saves once a save takes more than a twentieth of the delay', () => {
    expect(flushDelay(250, 0)).toBe(250);
    expect(flushDelay(250, 10)).toBe(250);
    expect(flushDelay(250, 40)).toBe(800);
  });

  it('still refuses a stale eTag', async () => {
    const storage = await open({ flushDelayMs: 60_000 });
    await storage.write({ a: { count: 1 } });
    const { a } = await storage.read(['a']);
    await storage.write({ a: { ...a, count: 2 } });
    await expect(storage.write({ a: { ...a, count: 3 } })).rejects.toThrow(ETagConflictError);
    await storage.close();
    expect((await fileContents()).items.a?.item).toMatchObject({ count: 2 });
  });
});

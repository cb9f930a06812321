import fs from 'node:fs';
import path from 'node:path';
import { FileStorage, type FileStorageOptions } from '../../src/storage/fileStorage';
import { isETagConflict } from '../../src/storage';
import { manualClock, useTempDir } from './support';

const dir = useTempDir('file-storage');
const open = (options: Partial<FileStorageOptions> = {}) => FileStorage.open({ dir: path.join(dir(), 'state'), ttlSeconds: 3600, ...options });

function journalText(): string {
  const stateDir = path.join(dir(), 'state');
  return fs
    .readdirSync(stateDir)
    .filter((name) => name.startsWith('journal-'))
    .map((name) => fs.readFileSync(path.join(stateDir, name), 'utf8'))
    .join('');
}

describe('FileStorage reads and writes', () => {
  it('returns what was written, as copies, with a new eTag every write', async () => {
    const storage = await open();
    try {
      const item = { count: 1, nested: { a: [1, 2] } };
      await storage.write({ a: item });
      item.count = 99;
      const first = await storage.read(['a', 'missing']);
      expect(Object.keys(first)).toEqual(['a']);
      expect(first.a).toMatchObject({ count: 1, nested: { a: [1, 2] }, eTag: expect.any(String) });
      first.a.count = 5;
      expect((await storage.read(['a'])).a.count).toBe(1);
      await storage.write({ a: { count: 2 } });
      expect((await storage.read(['a'])).a.eTag).not.toBe(first.a.eTag);
    } finally {
      await storage.close();
    }
  });

  it('keeps a key such as "__proto__" like any other, and keys with tabs and line breaks', async () => {
    const storage = await open();
    try {
      const changes = { 'tab\there\nnew line': { y: 2 } };
      Object.defineProperty(changes, '__proto__', { value: { x: 1 }, enumerable: true });
      await storage.write(changes);
      const found = await storage.read(['__proto__', 'tab\there\nnew line']);
      expect(Object.getPrototypeOf(found)).toBe(Object.prototype);
      expect(found['__proto__']).toMatchObject({ x: 1 });
      expect(found['tab\there\nnew line']).toMatchObject({ y: 2 });
    } finally {
      await storage.close();
    }
  });

  it('refuses a stale eTag, and writes nothing of a batch with a conflict', async () => {
    const storage = await open();
    try {
      await storage.write({ a: { v: 1 }, b: { v: 1 } });
      const { a } = await storage.read(['a']);
      await storage.write({ a: { v: 2 } });
      const stale = storage.write({ a: { ...a, v: 3 }, b: { v: 3 } });
      expect(isETagConflict(await stale.catch((error: unknown) => error))).toBe(true);
      const after = await storage.read(['a', 'b']);
      expect([after.a.v, after.b.v]).toEqual([2, 1]);
      await storage.write({ a: { v: 4, eTag: '*' }, fresh: { v: 1, eTag: 'anything' } });
      expect((await storage.read(['a'])).a.v).toBe(4);
    } finally {
      await storage.close();
    }
  });

  it('deletes', async () => {
    const storage = await open();
    try {
      await storage.write({ a: { v: 1 }, b: { v: 1 } });
      await storage.delete(['a', 'unknown']);
      expect(Object.keys(await storage.read(['a', 'b']))).toEqual(['b']);
    } finally {
      await storage.close();
    }
  });
});

describe('FileStorage on disk', () => {
  it('lets a new instance read what the last one wrote, after a clean close', async () => {
    const first = await open();
    await first.write({ a: { v: 1 } });
    await first.write({ a: { v: 2 } });
    await first.delete(['gone']);
    await first.close();
    const second = await open();
    try {
      expect((await second.read(['a'])).a.v).toBe(2);
    } finally {
      await second.close();
    }
  });

  it('loses nothing a write resolved for when the process dies (journal replayed at open)', async () => {
    const crashed = await open({ checkpointMs: 3_600_000 });
    await crashed.write({ a: { v: 1 } });
    await crashed.write({ b: { v: 1 } });
    // No close: as after kill -9, the changes are only in the journal.
    expect(journalText()).toContain('"a"');
    const next = await open();
    try {
      const found = await next.read(['a', 'b']);
      expect([found.a?.v, found.b?.v]).toEqual([1, 1]);
    } finally {
      await next.close();
    }
  });

  it('ignores a journal line cut short by a crash', async () => {
    const crashed = await open({ checkpointMs: 3_600_000 });
    await crashed.write({ a: { v: 1 } });
    const segment = fs.readdirSync(path.join(dir(), 'state')).find((name) => name.startsWith('journal-'))!;
    fs.appendFileSync(path.join(dir(), 'state', segment), '"b"\t1\t"e"\t{"v":');
    const next = await open();
    try {
      expect(Object.keys(await next.read(['a', 'b']))).toEqual(['a']);
    } finally {
      await next.close();
    }
  });

  it('holds only the most recently used items in memory, reads the others from disk, and opens without reading the store', async () => {
    const storage = await open({ cacheItems: 100 });
    for (let i = 0; i < 50; i++) {
      await storage.write(Object.fromEntries(Array.from({ length: 100 }, (_, j) => [`conversation-${i * 100 + j}`, { n: i * 100 + j }])));
    }
    await storage.checkpoint();
    expect(storage.memoryItems).toBeLessThanOrEqual(100);
    expect((await storage.read(['conversation-7']))['conversation-7']).toMatchObject({ n: 7 });
    await storage.close();

    const reopened = await open({ cacheItems: 100 });
    try {
      expect(reopened.memoryItems).toBe(0);
      const found = await reopened.read(['conversation-4999', 'conversation-0', 'never-written']);
      expect(Object.keys(found).sort()).toEqual(['conversation-0', 'conversation-4999']);
    } finally {
      await reopened.close();
    }
  });

  it('imports the single-file store of earlier versions once', async () => {
    const legacyFile = path.join(dir(), 'state.json');
    fs.writeFileSync(legacyFile, JSON.stringify({ version: 1, items: { old: { writtenAt: Date.now(), item: { v: 'kept', eTag: 'e1' } } } }));
    const storage = await open({ legacyFile });
    try {
      expect((await storage.read(['old'])).old).toEqual({ v: 'kept', eTag: 'e1' });
      expect(fs.existsSync(legacyFile)).toBe(false);
      expect(fs.existsSync(`${legacyFile}.imported`)).toBe(true);
    } finally {
      await storage.close();
    }
  });

  it('rejects close when the final save cannot be written', async () => {
    const storage = await open({ checkpointMs: 3_600_000 });
    await storage.write({ a: { v: 1 } });
    const buckets = path.join(dir(), 'state', 'buckets');
    fs.rmSync(buckets, { recursive: true });
    fs.writeFileSync(buckets, 'not a folder');
    await expect(storage.close()).rejects.toThrow(/ENOTDIR|EEXIST|ENOENT/);
  });
});

describe('FileStorage expiry and compaction', () => {
  it('stops returning idle items, and a sweep removes them and superseded versions from the files', async () => {
    const clock = manualClock();
    const storage = await open({ ttlSeconds: 60, now: clock.now });
    try {
      await storage.write({ idle: { v: 1 }, busy: { v: 1 } });
      await storage.checkpoint();
      for (let v = 2; v <= 5; v++) {
        await storage.write({ busy: { v } });
        await storage.checkpoint();
      }
      clock.advance(61_000);
      await storage.write({ busy: { v: 6 } });
      await storage.checkpoint();
      expect(Object.keys(await storage.read(['idle', 'busy']))).toEqual(['busy']);
      expect(await storage.sweep()).toBe(5 + 1); // busy's five older versions and the idle item
      const files = fs.readdirSync(path.join(dir(), 'state', 'buckets')).map((name) => fs.readFileSync(path.join(dir(), 'state', 'buckets', name), 'utf8'));
      expect(files.join('').trim().split('\n')).toHaveLength(1);
      expect((await storage.read(['busy'])).busy.v).toBe(6);
    } finally {
      await storage.close();
    }
  });
});

describe('FileStorage with delayed writes', () => {
  it('answers at once and journals the changes together, within the delay', async () => {
    const storage = await open({ flushDelayMs: 50, checkpointMs: 3_600_000 });
    try {
      await Promise.all(Array.from({ length: 20 }, (_, i) => storage.write({ [`k${i}`]: { i } })));
      expect(journalText()).toBe('');
      expect((await storage.read(['k3'])).k3.i).toBe(3);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(journalText().trim().split('\n')).toHaveLength(20);
    } finally {
      await storage.close();
    }
  });
});

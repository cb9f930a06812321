import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UnansweredLog, unansweredLogFile } from '../../src/feedback/unansweredLog';
import { MAX_TEXT_LENGTH, MemoryUnansweredStore, type UnansweredStore } from '../../src/feedback/unansweredStore';
import { useTempDir } from '../storage/support';

const dir = useTempDir('unanswered');
const opened: UnansweredLog[] = [];
const at = (minute: number): Date => new Date(Date.UTC(2025, 4, 1, 9, minute));

async function openLog(maxRecords?: number): Promise<UnansweredLog> {
  const log = await UnansweredLog.open({ file: unansweredLogFile(dir()), ...(maxRecords ? { maxRecords } : {}), now: () => at(0) });
  opened.push(log);
  return log;
}

afterEach(async () => {
  await Promise.all(opened.splice(0).map((log) => log.close()));
});

describe.each([
  ['UnansweredLog (lowdb file)', (maxRecords?: number): Promise<UnansweredStore> => openLog(maxRecords)],
  ['MemoryUnansweredStore', async (maxRecords?: number): Promise<UnansweredStore> => new MemoryUnansweredStore(maxRecords, () => at(0))],
])('%s', (_name, create) => {
  it('lists what was recorded, oldest first, with guesses best first', async () => {
    const store = await create();
    await store.record({ text: 'first question', conversationId: 'c1', time: at(1), guesses: [{ intent: 'b', score: 0.2 }, { intent: 'a', score: 0.41234 }] });
    await store.record({ text: 'second question', conversationId: 'c2' });
    expect(await store.list()).toEqual([
      { text: 'first question', time: '2025-05-01T09:01:00.000Z', conversationId: 'c1', guesses: [{ intent: 'a', score: 0.412 }, { intent: 'b', score: 0.2 }] },
      { text: 'second question', time: '2025-05-01T09:00:00.000Z', conversationId: 'c2', guesses: [] },
    ]);
  });

  it('keeps only the newest records beyond the cap', async () => {
    const store = await create(3);
    for (let i = 1; i <= 5; i++) await store.record({ text: `question ${i}`, conversationId: 'c', time: at(i) });
    expect((await store.list()).map((record) => record.text)).toEqual(['question 3', 'question 4', 'question 5']);
  });

  it('ignores blank questions, tidies spaces, and cuts very long ones', async () => {
    const store = await create();
    await store.record({ text: '   \n ', conversationId: 'c' });
    await store.record({ text: '  two   words \n', conversationId: 'c' });
    await store.record({ text: 'x'.repeat(MAX_TEXT_LENGTH + 100), conversationId: 'c' });
    const texts = (await store.list()).map((record) => record.text);
    expect(texts).toEqual(['two words', 'x'.repeat(MAX_TEXT_LENGTH)]);
  });

  it('hands out copies', async () => {
    const store = await create();
    await store.record({ text: 'q', conversationId: 'c', guesses: [{ intent: 'a', score: 0.5 }] });
    const listed = await store.list();
    Object.assign(listed[0]!.guesses[0]!, { intent: 'changed' });
    expect((await store.list())[0]!.guesses[0]!.intent).toBe('a');
  });
});

describe('UnansweredLog file', () => {
  it('is kept across restarts in <dataDir>/unanswered.json', async () => {
    const first = await openLog();
    await Promise.all(['a', 'b', 'c'].map((text) => first.record({ text, conversationId: 'c' })));
    await first.close();
    opened.splice(0);

    const stored = JSON.parse(await readFile(path.join(dir(), 'unanswered.json'), 'utf8'));
    expect(stored.records).toHaveLength(3);
    const second = await openLog();
    expect((await second.list()).map((record) => record.text)).toEqual(['a', 'b', 'c']);
  });

  it('with a write delay, writes the records of that time together, and what waits on close', async () => {
    const file = unansweredLogFile(dir());
    const log = await UnansweredLog.open({ file, writeDelayMs: 30 });
    opened.push(log);
    const first = log.record({ text: 'one', conversationId: 'c' });
    const second = log.record({ text: 'two', conversationId: 'c' });
    await expect(readFile(file, 'utf8')).rejects.toThrow();
    await Promise.all([first, second]);
    expect(JSON.parse(await readFile(file, 'utf8')).records.map((r: { text: string }) => r.text)).toEqual(['one', 'two']);

    void log.record({ text: 'three', conversationId: 'c' });
    await log.close();
    expect(JSON.parse(await readFile(file, 'utf8')).records).toHaveLength(3);
  });

  it('reads an existing file without writing when opened read-only, and an absent one as empty', async () => {
    const reader = await UnansweredLog.open({ file: unansweredLogFile(dir()), readOnly: true });
    expect(await reader.list()).toEqual([]);
    await expect(reader.record({ text: 'q', conversationId: 'c' })).rejects.toThrow(/read-only/);
    await reader.close();
  });

  it('skips damaged records but keeps the rest', async () => {
    const good = { text: 'fine', time: '2025-05-01T09:00:00.000Z', conversationId: 'c', guesses: [] };
    await writeFile(unansweredLogFile(dir()), JSON.stringify({ version: 1, records: [good, { text: 3 }, null] }));
    const log = await openLog();
    expect(await log.list()).toEqual([good]);
  });

  it('refuses, when read-only, a file that is not JSON', async () => {
    await writeFile(unansweredLogFile(dir()), 'not json');
    await expect(UnansweredLog.open({ file: unansweredLogFile(dir()), readOnly: true })).rejects.toThrow(/cannot read/);
  });
});

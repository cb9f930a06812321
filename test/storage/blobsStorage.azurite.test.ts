import { TestAdapter, type Storage } from 'botbuilder';
import { createStorage, type StorageHandle } from '../../src/storage/createStorage';
import { isETagConflict } from '../../src/storage/eTagConflict';
import { OptimisticConversationState } from '../../src/storage/optimisticConversationState';
import { startAzurite, type Azurite } from '../support/azurite';

let azurite: Azurite | undefined;
let handle: StorageHandle;
let storage: Storage;

beforeAll(async () => {
  azurite = await startAzurite();
  handle = await createStorage({ kind: 'blobs', dataDir: '/nonexistent', ttlSeconds: 3600, blobs: { connectionString: azurite.connectionString, container: 'bot-state' } });
  storage = handle.storage;
});

afterAll(async () => {
  await handle?.close();
  await azurite?.stop();
});

describe('BlobsStorage against Azurite', () => {
  it('writes, reads and reports a stale eTag as a conflict', async () => {
    await storage.write({ a: { count: 1 } });
    const first = (await storage.read(['a'])).a;
    expect(first).toMatchObject({ count: 1, eTag: expect.any(String) });

    await storage.write({ a: { count: 2, eTag: first.eTag } });
    const stale = storage.write({ a: { count: 3, eTag: first.eTag } });
    expect(isETagConflict(await stale.catch((error: unknown) => error))).toBe(true);
    expect((await storage.read(['a'])).a.count).toBe(2);
  });

  it('turns overlapping saves from two instances into a conflict with OptimisticConversationState', async () => {
    const errors: unknown[] = [];
    // Both turns have read before either writes: the overlap is arranged, not left to timing.
    let arrived = 0;
    let bothRead = (): void => {};
    const barrier = new Promise<void>((resolve) => (bothRead = resolve));
    let overlapping = false;
    const adapters = [0, 1].map(() => {
      const state = new OptimisticConversationState(storage);
      const count = state.createProperty<number>('count');
      const adapter = new TestAdapter(async (context) => {
        const value = await count.get(context, 0);
        if (overlapping && ++arrived === 2) bothRead();
        if (overlapping) await barrier;
        await count.set(context, value + 1);
        await state.saveChanges(context);
      });
      adapter.onTurnError = async (_context, error) => {
        errors.push(error);
      };
      return adapter;
    });

    await adapters[0]!.processActivity('first');
    overlapping = true;
    await Promise.all(adapters.map((adapter) => adapter.processActivity('at once')));

    const key = 'test/conversations/Convo1/';
    expect((await storage.read([key]))[key].count).toBe(2);
    expect(errors).toHaveLength(1);
    expect(isETagConflict(errors[0])).toBe(true);
  });
});

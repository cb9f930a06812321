import path from 'node:path';
import { ConversationState, TestAdapter, type BotState, type TurnContext } from 'botbuilder';
import { isETagConflict } from '../../src/storage/eTagConflict';
import { LowdbStorage } from '../../src/storage/lowdbStorage';
import { LeanUserState, OptimisticConversationState } from '../../src/storage/optimisticConversationState';
import { ConversationTurnQueue } from '../../src/storage/turnQueueMiddleware';
import { useTempDir, yieldToEventLoop } from './support';

const TURNS = 20;
const dir = useTempDir('conversation-state');
let storage: LowdbStorage;

beforeEach(async () => {
  storage = await LowdbStorage.open({ file: path.join(dir(), 'state.json'), ttlSeconds: 3600 });
});
afterEach(async () => {
  await storage.close();
});

/** A bot turn that reads a counter, does some asynchronous work, and writes it back incremented. */
function countingTurn(state: BotState): (context: TurnContext) => Promise<void> {
  const count = state.createProperty<number>('count');
  return async (context) => {
    const value = await count.get(context, 0);
    // Stands in for the answer being worked out; other turns get to run meanwhile.
    await yieldToEventLoop();
    await count.set(context, value + 1);
    await state.saveChanges(context);
  };
}

async function storedCount(conversationId: string): Promise<number | undefined> {
  const key = `test/conversations/${conversationId}/`;
  return (await storage.read([key]))[key]?.count;
}

function sendAtOnce(adapter: TestAdapter, conversationId: string, turns: number): Promise<void[]> {
  return Promise.all(
    Array.from({ length: turns }, (_, i) => adapter.processActivity({ text: `message ${i}`, conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' } })),
  );
}

describe('concurrent turns of one conversation', () => {
  it('lose updates with botbuilder’s ConversationState alone, which writes with eTag "*"', async () => {
    const adapter = new TestAdapter(countingTurn(new ConversationState(storage)));
    await sendAtOnce(adapter, 'c1', TURNS);
    expect(await storedCount('c1')).toBeLessThan(TURNS);
  });

  it('lose no update when the turn queue runs them one after another', async () => {
    const adapter = new TestAdapter(countingTurn(new ConversationState(storage)));
    adapter.use(new ConversationTurnQueue());
    await sendAtOnce(adapter, 'c1', TURNS);
    expect(await storedCount('c1')).toBe(TURNS);
  });

  it('are queued per conversation, so other conversations are not held up', async () => {
    const adapter = new TestAdapter(countingTurn(new ConversationState(storage)));
    adapter.use(new ConversationTurnQueue());
    await Promise.all([sendAtOnce(adapter, 'c1', TURNS), sendAtOnce(adapter, 'c2', 5), sendAtOnce(adapter, 'c3', 1)]);
    expect([await storedCount('c1'), await storedCount('c2'), await storedCount('c3')]).toEqual([TURNS, 5, 1]);
  });
});

describe('OptimisticConversationState across instances', () => {
  // Two bot instances: separate state objects and adapters, one shared storage, no shared queue.
  it('makes the later of two overlapping saves fail with an eTag conflict instead of overwriting', async () => {
    const errors: unknown[] = [];
    const instances = [new OptimisticConversationState(storage), new OptimisticConversationState(storage)].map((state) => {
      const adapter = new TestAdapter(countingTurn(state));
      adapter.onTurnError = async (_context, error) => {
        errors.push(error);
      };
      return adapter;
    });

    // The conversation exists already: a first save has no eTag to check against.
    await sendAtOnce(instances[0]!, 'c1', 1);
    await Promise.all(instances.map((adapter) => sendAtOnce(adapter, 'c1', 1)));
    expect(await storedCount('c1')).toBe(2);
    expect(errors).toHaveLength(1);
    expect(isETagConflict(errors[0])).toBe(true);
  });

  it('saves turn after turn, and twice within one turn, without conflicting with itself', async () => {
    const state = new OptimisticConversationState(storage);
    const note = state.createProperty<string[]>('notes');
    const adapter = new TestAdapter(async (context) => {
      const notes = await note.get(context, []);
      await note.set(context, [...notes, `${context.activity.text} (1)`]);
      await state.saveChanges(context);
      await note.set(context, [...(await note.get(context, [])), `${context.activity.text} (2)`]);
      await state.saveChanges(context);
    });
    for (const text of ['a', 'b', 'c']) await adapter.processActivity(text);

    const key = 'test/conversations/Convo1/';
    expect((await storage.read([key]))[key].notes).toEqual(['a (1)', 'a (2)', 'b (1)', 'b (2)', 'c (1)', 'c (2)']);
  });

  it('does not write when nothing changed', async () => {
    const state = new OptimisticConversationState(storage);
    const write = jest.spyOn(storage, 'write');
    const adapter = new TestAdapter(async (context) => {
      await state.load(context);
      await state.saveChanges(context);
    });
    await adapter.processActivity('hello');
    expect(write).not.toHaveBeenCalled();
  });
});

describe('LeanUserState', () => {
  it('keeps the user’s state across turns, saving only when it changed, and over whatever is stored', async () => {
    const state = new LeanUserState(storage);
    const visits = state.createProperty<number>('visits');
    const write = jest.spyOn(storage, 'write');
    const adapter = new TestAdapter(async (context) => {
      if (context.activity.text !== 'look') await visits.set(context, (await visits.get(context, 0)) + 1);
      else await visits.get(context, 0);
      await state.saveChanges(context);
    });
    for (const text of ['count', 'count', 'look', 'count']) await adapter.processActivity(text);

    const key = 'test/users/user1/';
    expect((await storage.read([key]))[key].visits).toBe(3);
    expect(write).toHaveBeenCalledTimes(3);
    expect(write.mock.calls.every(([changes]) => changes[key]?.eTag === '*')).toBe(true);
  });

  it('clear() empties the state and the next save writes it', async () => {
    const state = new LeanUserState(storage);
    const name = state.createProperty<string>('name');
    const adapter = new TestAdapter(async (context) => {
      if (context.activity.text === 'forget me') await state.clear(context);
      else await name.set(context, context.activity.text ?? '');
      await state.saveChanges(context);
    });
    await adapter.processActivity('Ada');
    await adapter.processActivity('forget me');
    const key = 'test/users/user1/';
    const { eTag: _eTag, ...stored } = (await storage.read([key]))[key] ?? {};
    expect(stored).toEqual({});
  });
});

describe('state properties', () => {
  it('store a copy of the default when missing, and set and delete like botbuilder’s accessors', async () => {
    const state = new OptimisticConversationState(storage);
    const list = state.createProperty<string[]>('list');
    const fallback: string[] = [];
    const seen: unknown[] = [];
    const adapter = new TestAdapter(async (context) => {
      const value = await list.get(context, fallback);
      value.push(context.activity.text ?? '');
      seen.push(await list.get(context));
      if (context.activity.text === 'reset') await list.delete(context);
      seen.push(await list.get(context));
      await state.saveChanges(context);
    });
    await adapter.processActivity('a');
    await adapter.processActivity('reset');
    expect(fallback).toEqual([]);
    expect(seen).toEqual([['a'], ['a'], ['a', 'reset'], undefined]);
  });
});

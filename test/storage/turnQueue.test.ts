import { TurnQueue } from '../../src/storage/turnQueue';
import { yieldToEventLoop } from './support';

/** A promise the test settles by hand. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open = (): void => {};
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

describe('TurnQueue', () => {
  it('runs the jobs of one key one at a time, in the order they arrived', async () => {
    const queue = new TurnQueue();
    const events: string[] = [];
    let running = 0;
    let mostAtOnce = 0;

    const job = (name: string) => async () => {
      running++;
      mostAtOnce = Math.max(mostAtOnce, running);
      events.push(`start ${name}`);
      await yieldToEventLoop();
      await yieldToEventLoop();
      events.push(`end ${name}`);
      running--;
      return name;
    };

    const results = await Promise.all(['a', 'b', 'c', 'd'].map((name) => queue.runExclusive('conversation', job(name))));
    expect(results).toEqual(['a', 'b', 'c', 'd']);
    expect(mostAtOnce).toBe(1);
    expect(events).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c', 'start d', 'end d']);
  });

  it('runs jobs of different keys at the same time', async () => {
    const queue = new TurnQueue();
    const first = gate();
    let firstDone = false;

    const blocked = queue.runExclusive('one', async () => {
      await first.promise;
      firstDone = true;
    });
    // Would never finish if 'two' waited behind 'one'.
    await expect(queue.runExclusive('two', async () => 'ran')).resolves.toBe('ran');
    expect(firstDone).toBe(false);

    first.open();
    await blocked;
    expect(firstDone).toBe(true);
  });

  it('gives a failing job’s error to its caller and still runs the next job', async () => {
    const queue = new TurnQueue();
    const failing = queue.runExclusive('k', async () => {
      throw new Error('turn failed');
    });
    const next = queue.runExclusive('k', () => 'next ran');
    await expect(failing).rejects.toThrow('turn failed');
    await expect(next).resolves.toBe('next ran');
  });

  it('accepts jobs that return plain values or throw synchronously', async () => {
    const queue = new TurnQueue();
    await expect(queue.runExclusive('k', () => 42)).resolves.toBe(42);
    await expect(
      queue.runExclusive('k', () => {
        throw new Error('sync');
      }),
    ).rejects.toThrow('sync');
  });

  it('forgets a key once its jobs are done', async () => {
    const queue = new TurnQueue();
    const pending = [queue.runExclusive('a', yieldToEventLoop), queue.runExclusive('b', yieldToEventLoop)];
    expect(queue.activeKeys).toBe(2);
    await Promise.all(pending);
    await yieldToEventLoop();
    expect(queue.activeKeys).toBe(0);
  });
});

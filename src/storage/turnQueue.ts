/**
 * Runs jobs one after another per key and in parallel across keys: a keyed async mutex.
 * Used to process the turns of one conversation in order, so each turn reads the state the
 * previous one wrote instead of racing it.
 */
export class TurnQueue {
  // The settled end of each key's chain; removed when the chain drains, so idle keys cost nothing.
  private readonly tails = new Map<string, Promise<void>>();

  runExclusive<T>(key: string, job: () => T | Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const run = previous.then(job);
    const tail = run.then(ignore, ignore);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return run;
  }

  /** Resolves once no job is running or waiting (jobs queued meanwhile included). */
  async idle(): Promise<void> {
    while (this.tails.size > 0) await Promise.all(this.tails.values());
  }

  /** Keys with a job running or waiting. */
  get activeKeys(): number {
    return this.tails.size;
  }
}

function ignore(): void {
  // A failed job must not block the ones queued behind it; its caller sees the failure.
}

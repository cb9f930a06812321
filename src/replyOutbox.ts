/**
 * Replies for channels that take them at their serviceUrl, sent after the turn rather than during
 * it: the channel's POST is answered as soon as the bot has decided what to say, whether or not the
 * channel can be reached. Sends of one conversation keep their order; each has a time budget, within
 * which the connector's own retry policy (three retries, exponential back-off) applies; a send that
 * fails is logged, never retried past its budget.
 */
import type { Logger } from './log.js';

export interface OutboxOptions {
  readonly logger: Logger;
  /** The time one send may take, retries included. */
  readonly timeoutMs: number;
  /** Sends waiting in one conversation beyond which new ones are dropped (and logged). */
  readonly maxPending: number;
}

/** One send: given a signal that aborts it when its budget is spent. */
export type Send = (signal: AbortSignal) => Promise<unknown>;

interface Queue {
  tail: Promise<void>;
  pending: number;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class ReplyOutbox {
  private readonly queues = new Map<string, Queue>();

  constructor(private readonly options: OutboxOptions) {}

  /** Queues a send behind the earlier ones of the same key (a conversation); `about` goes into the log if it fails. */
  post(key: string, about: Record<string, unknown>, send: Send): void {
    const queue = this.queues.get(key) ?? { tail: Promise.resolve(), pending: 0 };
    if (queue.pending >= this.options.maxPending) {
      this.options.logger.warn('reply dropped: too many replies waiting for this conversation', about);
      return;
    }
    queue.pending += 1;
    queue.tail = queue.tail.then(() => this.attempt(about, send)).finally(() => {
      queue.pending -= 1;
      if (queue.pending === 0 && this.queues.get(key) === queue) this.queues.delete(key);
    });
    this.queues.set(key, queue);
  }

  /** Resolves once every send queued so far has been delivered or given up. */
  async idle(): Promise<void> {
    while (this.queues.size > 0) await Promise.all([...this.queues.values()].map((queue) => queue.tail));
  }

  private async attempt(about: Record<string, unknown>, send: Send): Promise<void> {
    try {
      await send(AbortSignal.timeout(this.options.timeoutMs));
    } catch (error) {
      this.options.logger.error('reply not delivered', { ...about, error: message(error) });
    }
  }
}

/** Drives turns through a bot's adapter in-process (no HTTP) and times each one. */
import { answered, messageActivity } from './activities';
import type { ComposedBot } from './composeBot';
import { msSince, now } from './stats';

export interface TurnPlan {
  /** The messages, in order. */
  readonly texts: readonly string[];
  /** How many conversations the turns are spread over (round robin). */
  readonly conversations: number;
  /** Distinguishes the conversations of different runs, so each run starts from empty state. */
  readonly prefix: string;
}

/**
 * Lets the event loop run, as it does between two requests to a server: without it, turns driven
 * in-process follow each other in microtasks only, so no timer fires and no file write completes
 * for the whole run (state is never written, and whatever waits for a write piles up in memory).
 */
export const betweenTurns = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Runs the turns one after another; returns each turn's duration in ms. */
export async function timeTurns(bot: ComposedBot, plan: TurnPlan): Promise<number[]> {
  const durations: number[] = [];
  for (let i = 0; i < plan.texts.length; i++) {
    const activity = messageActivity(`${plan.prefix}-${i % plan.conversations}`, plan.texts[i]!);
    const start = now();
    const replies = await bot.adapter.runLocalTurn(activity, bot.logic);
    durations.push(msSince(start));
    if (!answered(replies)) throw new Error(`no reply to “${plan.texts[i]}”`);
    await betweenTurns();
  }
  return durations;
}

/** Runs `total` turns with `concurrency` turns in flight, calling `progress` after each one. */
export async function runTurnsConcurrently(
  bot: ComposedBot,
  texts: readonly string[],
  options: { total: number; conversations: number; concurrency: number; prefix: string },
  progress: (done: number) => Promise<void> | void,
): Promise<void> {
  let next = 0;
  let done = 0;
  const worker = async (): Promise<void> => {
    while (next < options.total) {
      const i = next++;
      const activity = messageActivity(`${options.prefix}-${i % options.conversations}`, texts[i % texts.length]!);
      await bot.adapter.runLocalTurn(activity, bot.logic);
      done += 1;
      await progress(done);
      await betweenTurns();
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
}

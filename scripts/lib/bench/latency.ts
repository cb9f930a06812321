/**
 * In-process turn latency: the FAQ bot's full turn (adapter, state, dialog, understanding, answer)
 * beside the echo bot through the same kind of adapter, in rotating rounds so all see the same
 * machine noise. Two diagnostics: the FAQ bot with its state in memory (what the state file
 * costs) and the answering engine alone (what understanding and answering cost).
 */
import type { ComposedBot } from './composeBot';
import { latencyOf, msSince, now, type Latency } from './stats';
import { timeTurns } from './turns';

export interface LatencyBots {
  readonly faq: ComposedBot;
  readonly echo: ComposedBot;
  readonly faqMemoryState: ComposedBot;
}

export type LatencyReport = Record<keyof LatencyBots | 'engine', Latency>;

/** Conversations the questions are spread over: some state to load and save, as in real use. */
const CONVERSATIONS = 20;

export async function measureLatency(bots: LatencyBots, texts: readonly string[], rounds: number): Promise<LatencyReport> {
  const names = Object.keys(bots) as (keyof LatencyBots)[];
  const plan = (prefix: string) => ({ texts, conversations: CONVERSATIONS, prefix });
  // Warm-up: JIT, lazily loaded word lists, the first state writes.
  for (const name of names) await timeTurns(bots[name], plan('warm'));
  const samples = new Map(names.map((name) => [name, [] as number[]]));
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(round + k) % names.length]!;
      samples.get(name)!.push(...(await timeTurns(bots[name], plan(`r${round}`))));
    }
  }
  return {
    faq: latencyOf(samples.get('faq')!),
    echo: latencyOf(samples.get('echo')!),
    faqMemoryState: latencyOf(samples.get('faqMemoryState')!),
    engine: latencyOf(timeEngine(bots.faq, texts, rounds)),
  };
}

/** engine.ask for each question, without conversation memory. */
export function timeEngine(bot: ComposedBot, texts: readonly string[], rounds: number): number[] {
  const engine = bot.knowledge?.engine;
  if (!engine) return [];
  const durations: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const text of texts) {
      const start = now();
      engine.ask(text);
      durations.push(msSince(start));
    }
  }
  return durations;
}

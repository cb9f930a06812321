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

export interface LanguageLatency {
  readonly language: string;
  /** The full turn for that language's questions, its engine made beforehand. */
  readonly turn: Latency;
  /** Resident memory the first message in the language added: its engine, made then. */
  readonly firstMessageRssMB: number;
  readonly firstMessageMs: number;
}

/**
 * Another language's questions through a fresh FAQ bot: what its first message costs (the
 * language's engine is made then), then its turns in rounds as for the sources' language.
 */
export async function measureLanguageLatency(bot: ComposedBot, language: string, texts: readonly string[], rounds: number): Promise<LanguageLatency> {
  const plan = (prefix: string) => ({ texts, conversations: CONVERSATIONS, prefix });
  global.gc?.();
  const before = process.memoryUsage().rss;
  const start = now();
  await timeTurns(bot, { texts: texts.slice(0, 1), conversations: 1, prefix: 'first' });
  const firstMessageMs = msSince(start);
  global.gc?.();
  const firstMessageRssMB = (process.memoryUsage().rss - before) / 1e6;
  await timeTurns(bot, plan('warm'));
  const samples: number[] = [];
  for (let round = 0; round < rounds; round++) samples.push(...(await timeTurns(bot, plan(`r${round}`))));
  return { language, turn: latencyOf(samples), firstMessageRssMB, firstMessageMs };
}

/**
 * Start-up and HTTP throughput, on bot servers in child processes: the real app (dist/src/main.js),
 * the echo bot served the same way, and as a diagnostic the FAQ bot with its state in memory. Each
 * round starts each of them in turn (rotating the order), times process start to first answer,
 * then loads it with autocannon.
 */
import path from 'node:path';
import { setTimeout } from 'node:timers/promises';
import { startServerChild } from './children';
import { benchEnv, tempDir } from './env';
import { loadTest, type LoadResult } from './throughput';

export type BotName = 'faq' | 'echo' | 'faqMemoryState';

export interface HttpRun {
  readonly bot: BotName;
  readonly firstAnswerMs: number;
  readonly startupRssMB: number | undefined;
  readonly rebuilt: boolean;
  readonly load: LoadResult;
  readonly loadedRssMB: number | undefined;
  /** Resident memory after the server has been idle for IDLE_SECONDS after the load (last round only). */
  readonly idleRssMB?: number;
}

/**
 * Under load V8 lets its heap grow well past the live data and gives the pages back only once the
 * process has been idle for some seconds (its memory reducer); this is how long the bench waits.
 */
export const IDLE_SECONDS = 12;

export interface HttpOptions {
  readonly rounds: number;
  readonly seconds: number;
  readonly connections: number;
  readonly conversations: number;
  readonly texts: readonly string[];
  /** The prebuilt knowledge the real app starts with. */
  readonly buildDir: string;
}

const BENCH_SERVER = path.join(__dirname, 'benchServer.js');
const COMMANDS: Record<BotName, readonly string[]> = {
  faq: [path.join(__dirname, '../../../src/main.js')],
  echo: [BENCH_SERVER, 'echo'],
  faqMemoryState: [BENCH_SERVER, 'faq-memory-state'],
};
const BOTS = Object.keys(COMMANDS) as BotName[];

async function runOne(bot: BotName, round: number, options: HttpOptions): Promise<HttpRun> {
  const env = benchEnv({ dataDir: tempDir(`http-${bot}`), buildDir: options.buildDir });
  const child = await startServerChild(COMMANDS[bot], env, options.texts[0]!);
  try {
    const load = { connections: options.connections, conversations: options.conversations, texts: options.texts };
    // A short unmeasured run first: the JIT and the first state writes.
    await loadTest(child.url, { ...load, seconds: 1, prefix: `warm${round}` });
    const result = await loadTest(child.url, { ...load, seconds: options.seconds, prefix: `run${round}` });
    const run = { bot, firstAnswerMs: child.firstAnswerMs, startupRssMB: child.startupRssMB, rebuilt: child.rebuilt, load: result, loadedRssMB: child.rssMB() };
    if (round < options.rounds - 1) return run;
    await setTimeout(IDLE_SECONDS * 1000);
    return { ...run, idleRssMB: child.rssMB() };
  } finally {
    await child.stop();
  }
}

export async function measureHttp(options: HttpOptions, log: (line: string) => void): Promise<HttpRun[]> {
  const runs: HttpRun[] = [];
  for (let round = 0; round < options.rounds; round++) {
    for (let k = 0; k < BOTS.length; k++) {
      const bot = BOTS[(round + k) % BOTS.length]!;
      log(`http round ${round + 1}/${options.rounds}: ${bot}…`);
      runs.push(await runOne(bot, round, options));
    }
  }
  return runs;
}

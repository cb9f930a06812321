/**
 * Child process of the memory benchmark, so that its figures are its own: composes the FAQ bot
 * (or the echo bot), answers one question, then runs many turns through the adapter and prints
 * resident memory every so many turns as one JSON line on stdout. Run with --expose-gc.
 */
import { readQuestions } from './activities';
import { composeEchoBot, composeFaqBot } from './composeBot';
import { benchConfig } from './env';
import { runTurnsConcurrently, timeTurns } from './turns';
import { msSince, now } from './stats';

export interface MemoryJob {
  readonly bot: 'faq' | 'echo';
  readonly dataDir: string;
  readonly buildDir: string;
  readonly turns: number;
  readonly conversations: number;
  readonly every: number;
  readonly concurrency: number;
}

export interface MemorySample {
  readonly turns: number;
  readonly rssMB: number;
  readonly heapMB: number;
  /** Heap V8 holds from the system, used or not. */
  readonly heapTotalMB: number;
  /** Memory outside the JS heap (buffers, strings handed to I/O). */
  readonly externalMB: number;
  /** Time the last `every` turns took. */
  readonly ms: number;
}

export interface MemoryReport {
  readonly startupRssMB: number;
  readonly samples: readonly MemorySample[];
}

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const mb = (bytes: number) => bytes / 2 ** 20;

async function main(): Promise<void> {
  const job = JSON.parse(process.argv[2] ?? '{}') as MemoryJob;
  const config = benchConfig({ dataDir: job.dataDir, buildDir: job.buildDir });
  const bot = job.bot === 'faq' ? await composeFaqBot(config) : composeEchoBot(config);
  const texts = readQuestions();
  await timeTurns(bot, { texts: texts.slice(0, 1), conversations: 1, prefix: 'startup' });
  gc();
  const startupRssMB = mb(process.memoryUsage().rss);
  const samples: MemorySample[] = [];
  let blockStart = now();
  await runTurnsConcurrently(bot, texts, { total: job.turns, conversations: job.conversations, concurrency: job.concurrency, prefix: 'm' }, (done) => {
    if (done % job.every !== 0) return;
    const ms = msSince(blockStart);
    gc();
    const usage = process.memoryUsage();
    samples.push({ turns: done, rssMB: mb(usage.rss), heapMB: mb(usage.heapUsed), heapTotalMB: mb(usage.heapTotal), externalMB: mb(usage.external), ms });
    blockStart = now();
  });
  await bot.close();
  const report: MemoryReport = { startupRssMB, samples };
  process.stdout.write(JSON.stringify(report) + '\n');
}

if (require.main === module) {
  main().catch((error: Error) => {
    process.stderr.write(`memory benchmark failed: ${error.stack ?? error.message}\n`);
    process.exit(1);
  });
}

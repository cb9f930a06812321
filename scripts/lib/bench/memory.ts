/** Memory: runs the memory child for the FAQ bot and for the echo bot and collects their samples. */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { appNodeFlags, tempDir } from './env';
import type { MemoryJob, MemoryReport, MemorySample } from './memoryChild';

const run = promisify(execFile);

export async function measureMemory(bot: MemoryJob['bot'], buildDir: string, turns: number, conversations: number): Promise<MemoryReport> {
  const job: MemoryJob = { bot, dataDir: tempDir(`memory-${bot}`), buildDir, turns, conversations, every: Math.max(1, Math.round(turns / 10)), concurrency: 10 };
  const script = path.join(__dirname, 'memoryChild.js');
  const { stdout } = await run(process.execPath, [...appNodeFlags(), '--expose-gc', script, JSON.stringify(job)], { maxBuffer: 1 << 20, env: { ...process.env, DOTENV_CONFIG_QUIET: 'true' } });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as MemoryReport;
}

/**
 * Whether memory levels off: the highest RSS and retained heap of the run's second half are less
 * than 5% above those of its first half (single samples jump with GC and allocator timing).
 */
export function leveledOff(report: MemoryReport): boolean {
  const s = report.samples;
  if (s.length < 4) return false;
  const half = Math.floor(s.length / 2);
  const peak = (from: number, to: number, pick: (x: MemorySample) => number) => Math.max(...s.slice(from, to).map(pick));
  return (['rssMB', 'heapMB'] as const).every((key) => peak(half, s.length, (x) => x[key]) < 1.05 * peak(0, half, (x) => x[key]));
}

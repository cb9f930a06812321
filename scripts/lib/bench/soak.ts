/**
 * The soak: the real app (dist/src/main.js, `npm start`'s Node options) loaded at full speed with a
 * new conversation per request, for minutes; resident memory sampled throughout and after an idle
 * wait; the state's size on disk; then a restart on that state, timed to its first answer.
 */
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startServerChild } from './children';
import { benchEnv, tempDir } from './env';
import { loadTest, type LoadResult } from './throughput';

export interface SoakOptions {
  readonly seconds: number;
  readonly idleSeconds: number;
  readonly connections: number;
  readonly texts: readonly string[];
  readonly buildDir: string;
}

export interface SoakReport {
  readonly seconds: number;
  readonly idleSeconds: number;
  readonly load: LoadResult;
  readonly rssStartMB: number | undefined;
  readonly rssPeakMB: number;
  readonly rssEndMB: number | undefined;
  readonly rssIdleMB: number | undefined;
  readonly stateMB: number;
  readonly stateFiles: number;
  readonly restartMs: number;
  /** The same start on an empty data folder (the soak's first start), for comparison. */
  readonly emptyStartMs: number;
  readonly restartRssMB: number | undefined;
}

const MAIN = path.join(__dirname, '../../../src/main.js');
const SAMPLE_MS = 250;

function folderSize(dir: string): { bytes: number; files: number } {
  let bytes = 0;
  let files = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      const inner = folderSize(full);
      bytes += inner.bytes;
      files += inner.files;
    } else {
      bytes += fs.statSync(full).size;
      files += 1;
    }
  }
  return { bytes, files };
}

export async function measureSoak(options: SoakOptions, log: (line: string) => void): Promise<SoakReport> {
  const dataDir = tempDir('soak');
  const env = benchEnv({ dataDir, buildDir: options.buildDir });
  const child = await startServerChild([MAIN], env, options.texts[0]!);
  let rssPeakMB = child.startupRssMB ?? 0;
  const sampler = setInterval(() => (rssPeakMB = Math.max(rssPeakMB, child.rssMB() ?? 0)), SAMPLE_MS);
  let load: LoadResult;
  let rssEndMB: number | undefined;
  let rssIdleMB: number | undefined;
  try {
    log(`soak: ${options.seconds} s at full speed, a new conversation per request…`);
    // Conversations never repeat: i % Infinity is i.
    load = await loadTest(child.url, { seconds: options.seconds, connections: options.connections, conversations: Infinity, texts: options.texts, prefix: 'soak' });
    rssEndMB = child.rssMB();
    log(`soak: idle for ${options.idleSeconds} s…`);
    await sleep(options.idleSeconds * 1000);
    rssIdleMB = child.rssMB();
  } finally {
    clearInterval(sampler);
    await child.stop();
  }
  const state = folderSize(path.join(dataDir, 'state'));
  log('soak: restarting on the state…');
  const restarted = await startServerChild([MAIN], env, options.texts[0]!);
  const restartRssMB = restarted.startupRssMB;
  await restarted.stop();
  return {
    seconds: options.seconds,
    idleSeconds: options.idleSeconds,
    load,
    rssStartMB: child.startupRssMB,
    rssPeakMB,
    rssEndMB,
    rssIdleMB,
    stateMB: state.bytes / 1e6,
    stateFiles: state.files,
    restartMs: restarted.firstAnswerMs,
    emptyStartMs: child.firstAnswerMs,
    restartRssMB,
  };
}

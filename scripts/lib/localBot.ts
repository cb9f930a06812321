/** Starts the real bot on a free loopback port with throw-away state, for the evaluation and benchmarks. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { silentLogger } from '../../src/log';
import { startApp, type RunningApp } from '../../src/main';

export async function startLocalBot(env: Record<string, string | undefined> = process.env): Promise<RunningApp & { dataDir: string }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'faq-bot-'));
  const config = loadConfig({ ...env, PORT: '0', DATA_DIR: dataDir, MicrosoftAppId: '', MicrosoftAppPassword: '' });
  const app = await startApp(config, silentLogger);
  return {
    ...app,
    dataDir,
    async close() {
      await app.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

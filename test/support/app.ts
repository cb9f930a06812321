/** Starts the whole bot (knowledge, state, dialogs, server) on a free port with throw-away folders. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { silentLogger, type Logger } from '../../src/log';
import { startApp, type RunningApp } from '../../src/main';
import { PRODUCT_KNOWLEDGE, testBuildDir } from './knowledge';

export interface TestApp extends RunningApp {
  readonly dataDir: string;
  readonly buildDir: string;
}

export interface TestAppOptions {
  readonly knowledgeDir?: string;
  /** Reuse folders, e.g. to restart on the same state. */
  readonly dataDir?: string;
  readonly buildDir?: string;
  readonly env?: Record<string, string>;
  /** Where the app logs (nowhere by default). */
  readonly logger?: Logger;
}

export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'bot-data-'));
  const knowledgeDir = options.knowledgeDir ?? PRODUCT_KNOWLEDGE;
  const buildDir = options.buildDir ?? testBuildDir(knowledgeDir);
  const config = loadConfig({
    PORT: '0',
    LOG_LEVEL: 'silent',
    KNOWLEDGE_DIR: knowledgeDir,
    KNOWLEDGE_BUILD_DIR: buildDir,
    DATA_DIR: dataDir,
    ...options.env,
  });
  const app = await startApp(config, options.logger ?? silentLogger);
  return { ...app, dataDir, buildDir };
}

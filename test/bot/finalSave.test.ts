/** A final save that fails at shutdown is an error in the log, and close() rejects (so the process exits 1). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { messageActivity } from '../../scripts/lib/bench/activities';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/log';
import { composeBot } from '../../src/main';
import { PRODUCT_KNOWLEDGE, testBuildDir } from '../support/knowledge';

describe('the final save at shutdown', () => {
  it('is logged as an error when it fails, and close rejects', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bot-final-save-'));
    const lines: Record<string, unknown>[] = [];
    const logger = createLogger('error', (line) => lines.push(JSON.parse(line) as Record<string, unknown>));
    const config = loadConfig({ DATA_DIR: dataDir, KNOWLEDGE_DIR: PRODUCT_KNOWLEDGE, KNOWLEDGE_BUILD_DIR: testBuildDir(PRODUCT_KNOWLEDGE), LOG_LEVEL: 'error' });
    const composed = await composeBot(config, logger);
    try {
      // An unanswerable question: recorded in the unanswered log, whose write waits a second.
      await composed.adapter.runLocalTurn(messageActivity('c1', 'What colour is the moon over Lisbon?'), (context) => composed.bot.run(context));
      // The log's file is written through a temporary file beside it: a folder in its place makes the write fail.
      fs.mkdirSync(path.join(dataDir, '.unanswered.json.tmp'));
      await expect(composed.close()).rejects.toThrow(/final save failed/);
      expect(lines).toContainEqual(expect.objectContaining({ level: 'error', message: 'final save failed: unanswered questions' }));
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

/**
 * A baseline or diagnostic bot served like the real app (same createServer and adapter), run as a
 * child process by the benchmark; logs "bot listening" with its URL as src/main.ts does.
 *   node benchServer.js echo               the echo bot
 *   node benchServer.js faq-memory-state   the FAQ bot with its state in memory (what the state file costs)
 */
import { loadConfig } from '../../../src/config';
import { createLogger } from '../../../src/log';
import { createServer } from '../../../src/server';
import { composeEchoBot, composeFaqBot } from './composeBot';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const composed = process.argv[2] === 'faq-memory-state' ? await composeFaqBot(config, { memoryState: true }) : composeEchoBot(config);
  const server = createServer({ config, logger, adapter: composed.adapter, bot: { run: composed.logic }, health: () => ({ status: 'ok' }) });
  const { url } = await server.start(config.port);
  logger.info('bot listening', { url });
  process.once('SIGTERM', () => void Promise.all([server.close(), composed.close()]).then(() => process.exit(0)));
}

if (require.main === module) {
  main().catch((error: Error) => {
    process.stderr.write(`bench server failed: ${error.message}\n`);
    process.exit(1);
  });
}

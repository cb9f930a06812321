/**
 * Composition root: configuration → knowledge → storage and state → dialogs → bot → adapter → server.
 * `npm start` runs this file; tests call startApp() with their own configuration.
 */
import type { Storage } from 'botbuilder';
import { FaqDialog, type QuestionLog } from '../dialogs/faqDialog';
import { createAdapter, type BotServerAdapter } from './adapter';
import { loadKnowledge, type LoadedKnowledge } from './answering/load';
import { FaqBot } from './bot';
import { ConfigError, loadConfig, type Config } from './config';
import { ChoiceLog, UnansweredLog, unansweredLogFile } from './feedback';
import { createLogger, type Logger } from './log';
import { loadTokenKey } from './directline/tokenKey';
import { createServer, type DirectLineOptions } from './server';
import { createStorage, LeanUserState, OptimisticConversationState, TurnQueue } from './storage';

/** How long the unanswered and choice logs gather records before their file is rewritten. */
const FEEDBACK_WRITE_DELAY_MS = 1000;

export interface RunningApp {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
  /**
   * What SIGTERM does: stop accepting requests, finish those in flight and the turns they started,
   * save everything, close. Rejects (after logging) when the final save failed.
   */
  shutdown(): Promise<void>;
}

/** The bot without its HTTP server: what the server, the benchmarks and the tools drive. */
export interface ComposedBot {
  readonly adapter: BotServerAdapter;
  readonly bot: FaqBot;
  readonly knowledge: LoadedKnowledge;
  /** Where conversation state lives, for the logs. */
  readonly stateLocation: string;
  /** The state storage, which the built-in Direct Line keeps its conversations in too. */
  readonly storage: Storage;
  /** Whether other instances may share that storage (Azure Blob). */
  readonly sharedStorage: boolean;
  health(): unknown;
  /** Resolves once no turn is running or waiting. */
  idle(): Promise<void>;
  /** Saves what is pending and releases the files; rejects (after logging each) when a final save failed. */
  close(): Promise<void>;
}

export interface ComposeOptions {
  /** Conversation and user state somewhere else than configured (e.g. in memory, to measure). */
  readonly storage?: Storage;
}

export async function composeBot(config: Config, logger: Logger, options: ComposeOptions = {}): Promise<ComposedBot> {
  const knowledge = await loadKnowledge(config.knowledgeDir, config.buildDir, logger);
  const state = options.storage
    ? { kind: 'custom', storage: options.storage, location: 'custom', close: async () => {} }
    : await createStorage({
        kind: config.storage.kind,
        dataDir: config.dataDir,
        ttlSeconds: config.conversationTtlSeconds,
        flushDelayMs: config.stateFlushMs,
        cacheItems: config.storage.cacheItems,
        blobs: { connectionString: config.storage.blobConnectionString, container: config.storage.blobContainer },
        logger,
      });
  // Each log is one JSON file rewritten whole; written at most once a second, however many questions come.
  const unanswered = await UnansweredLog.open({ file: unansweredLogFile(config.dataDir), logger, writeDelayMs: FEEDBACK_WRITE_DELAY_MS });
  const choices = await ChoiceLog.open(config.dataDir, logger, { writeDelayMs: FEEDBACK_WRITE_DELAY_MS });
  // A full disk must not fail a turn: the person still gets their answer.
  const questionLog: QuestionLog = {
    recordUnanswered: (entry) => unanswered.record(entry).catch((error: Error) => logger.error('cannot record unanswered question', { error: error.message })),
    recordChoice: (entry) => choices.record(entry).catch((error: Error) => logger.error('cannot record a choice', { error: error.message })),
  };

  // Saves with the eTag each turn read, so two instances sharing storage cannot overwrite each other.
  const conversationState = new OptimisticConversationState(state.storage);
  const userState = new LeanUserState(state.storage);
  const dialog = new FaqDialog(knowledge.engine, conversationState.createProperty('memory'), questionLog);
  const turns = new TurnQueue();
  const bot = new FaqBot({ conversationState, userState, dialog, texts: (locale) => knowledge.engine.textsFor(locale), turns, logger });
  const { data } = knowledge.store;
  return {
    adapter: createAdapter(config, logger),
    bot,
    knowledge,
    stateLocation: state.location,
    storage: state.storage,
    sharedStorage: state.kind === 'blobs',
    health: () => ({
      status: 'ok',
      knowledge: {
        version: data.version,
        builtAt: data.builtAt,
        sources: data.sources.length,
        sentences: data.sentences.length,
        entities: data.entities.length,
        facts: data.facts.length,
        intents: data.intents.length,
        faq: data.faq.length,
      },
      storage: state.kind,
      uptimeSeconds: Math.round(process.uptime()),
    }),
    idle: () => turns.idle(),
    async close() {
      const parts = { 'conversation state': state.close(), 'unanswered questions': unanswered.close(), choices: choices.close() };
      const results = await Promise.allSettled(Object.values(parts));
      const failed: unknown[] = [];
      Object.keys(parts).forEach((what, i) => {
        const result = results[i]!;
        if (result.status === 'fulfilled') return;
        // A lost final save must be seen: it is the only copy of the last moments.
        logger.error(`final save failed: ${what}`, { error: result.reason instanceof Error ? result.reason.message : String(result.reason) });
        failed.push(result.reason);
      });
      if (failed.length > 0) throw new AggregateError(failed, 'final save failed');
    },
  };
}

export async function startApp(config: Config, logger: Logger = createLogger(config.logLevel)): Promise<RunningApp> {
  const started = Date.now();
  const composed = await composeBot(config, logger);
  const directLine = await builtInDirectLine(config, composed, logger);
  const server = createServer({ config, logger, adapter: composed.adapter, bot: composed.bot, health: composed.health, ...(directLine ? { directLine } : {}) });
  const { port, url, address } = await server.start(config.port, config.host || undefined);
  logger.info('bot listening', {
    url,
    address,
    allowedOrigins: config.allowedOrigins.length > 0 ? config.allowedOrigins : 'any',
    auth: config.auth.appId ? 'on' : 'off',
    knowledge: composed.knowledge.store.data.version,
    rebuilt: composed.knowledge.rebuilt,
    state: composed.stateLocation,
    startupMs: Date.now() - started,
    rssMB: Math.round(process.memoryUsage().rss / 1e6),
  });
  return {
    url,
    port,
    async close() {
      await server.close();
      await composed.close();
    },
    async shutdown() {
      const unfinished = await server.shutdown(config.shutdownGraceMs);
      if (unfinished > 0) logger.warn('requests cut off by the shutdown grace period', { unfinished, graceMs: config.shutdownGraceMs });
      await composed.idle();
      await composed.close();
      logger.info('stopped', { uptimeSeconds: Math.round(process.uptime()) });
    },
  };
}

/** How often streams on one instance pick up what other instances added to their conversations. */
const SHARED_SYNC_MS = 1000;

/** The built-in Direct Line's storage and signing key, when Azure's Direct Line is not used. */
async function builtInDirectLine(config: Config, composed: ComposedBot, logger: Logger): Promise<DirectLineOptions | undefined> {
  if (config.directLineSecret) return undefined;
  const { key, source } = await loadTokenKey(config.directLineTokenKey, config.dataDir);
  if (composed.sharedStorage && source !== 'setting') {
    logger.warn('DIRECT_LINE_TOKEN_KEY is not set: other instances sharing the storage cannot check this one\'s tokens');
  }
  return { storage: composed.storage, tokenKey: key, ...(composed.sharedStorage ? { sharedSyncMs: SHARED_SYNC_MS } : {}) };
}

/** `npm start`: configuration from the environment (and .env), then serve until SIGINT or SIGTERM. */
export async function main(): Promise<void> {
  const { config: loadDotenv } = await import('dotenv');
  loadDotenv({ quiet: true });
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Configuration error: ${error.message}\nSee .env.example for the settings.\n`);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const app = await startApp(config, logger);
  const stop = (signal: string) => {
    logger.info('stopping', { signal });
    app.shutdown().then(
      () => process.exit(0),
      (error: Error) => {
        logger.error('shutdown failed', { error: error.message });
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

if (require.main === module) {
  main().catch((error: Error) => {
    process.stderr.write(`Failed to start: ${error.message}\n`);
    process.exit(1);
  });
}

/**
 * The bot's pieces without the HTTP server, composed as src/main.ts startApp() composes them
 * (knowledge → storage → state → dialog → bot → adapter), so turns can be driven in-process
 * through BotServerAdapter.runLocalTurn. Keep in step with startApp until main.ts exports its
 * composition.
 */
import { MemoryStorage, UserState } from 'botbuilder';
import { FaqDialog, type QuestionLog } from '../../../dialogs/faqDialog';
import { createAdapter, type BotServerAdapter, type TurnLogic } from '../../../src/adapter';
import { loadKnowledge, type LoadedKnowledge } from '../../../src/answering/load';
import { FaqBot } from '../../../src/bot';
import type { Config } from '../../../src/config';
import { ChoiceLog, UnansweredLog, unansweredLogFile } from '../../../src/feedback';
import { silentLogger } from '../../../src/log';
import { createStorage, OptimisticConversationState, TurnQueue } from '../../../src/storage';
import { EchoBot } from './echoBot';

export interface ComposedBot {
  readonly adapter: BotServerAdapter;
  readonly logic: TurnLogic;
  /** Set for the FAQ bot only. */
  readonly knowledge?: LoadedKnowledge;
  close(): Promise<void>;
}

export interface ComposeOptions {
  /** Keep conversation and user state in memory instead of the lowdb file: shows what persisting costs. */
  readonly memoryState?: boolean;
}

export async function composeFaqBot(config: Config, options: ComposeOptions = {}): Promise<ComposedBot> {
  const logger = silentLogger;
  const knowledge = await loadKnowledge(config.knowledgeDir, config.buildDir, logger);
  const state = options.memoryState
    ? { storage: new MemoryStorage(), close: async () => {} }
    : await createStorage({ kind: 'lowdb', dataDir: config.dataDir, ttlSeconds: config.conversationTtlSeconds, logger });
  const unanswered = await UnansweredLog.open({ file: unansweredLogFile(config.dataDir), logger });
  const choices = await ChoiceLog.open(config.dataDir, logger);
  const questionLog: QuestionLog = {
    recordUnanswered: (entry) => unanswered.record(entry).catch(() => undefined),
    recordChoice: (entry) => choices.record(entry).catch(() => undefined),
  };
  const conversationState = new OptimisticConversationState(state.storage);
  const userState = new UserState(state.storage);
  const dialog = new FaqDialog(knowledge.engine, conversationState.createProperty('memory'), questionLog);
  const bot = new FaqBot({ conversationState, userState, dialog, texts: knowledge.engine.texts, turns: new TurnQueue(), logger });
  return {
    adapter: createAdapter(config, logger),
    logic: (context) => bot.run(context),
    knowledge,
    async close() {
      await Promise.allSettled([state.close(), unanswered.close(), choices.close()]);
    },
  };
}

export function composeEchoBot(config: Config): ComposedBot {
  const bot = new EchoBot();
  return { adapter: createAdapter(config, silentLogger), logic: (context) => bot.run(context), close: async () => {} };
}

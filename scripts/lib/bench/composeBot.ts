/**
 * The bot's pieces without the HTTP server (src/main.ts composeBot), so turns can be driven
 * in-process through BotServerAdapter.runLocalTurn; and an echo bot through the same adapter.
 */
import { MemoryStorage } from 'botbuilder';
import { createAdapter, type BotServerAdapter, type TurnLogic } from '../../../src/adapter';
import type { LoadedKnowledge } from '../../../src/answering/load';
import type { Config } from '../../../src/config';
import { silentLogger } from '../../../src/log';
import { composeBot } from '../../../src/main';
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
  const composed = await composeBot(config, silentLogger, options.memoryState ? { storage: new MemoryStorage() } : {});
  return {
    adapter: composed.adapter,
    logic: (context) => composed.bot.run(context),
    knowledge: composed.knowledge,
    close: () => composed.close(),
  };
}

export function composeEchoBot(config: Config): ComposedBot {
  const bot = new EchoBot();
  return { adapter: createAdapter(config, silentLogger), logic: (context) => bot.run(context), close: async () => {} };
}

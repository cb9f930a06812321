import type { Middleware, TurnContext } from 'botbuilder';
import { TurnQueue } from './turnQueue';

/**
 * Middleware that lets one turn per conversation run at a time in this process. Register it
 * before anything that loads or saves state (e.g. AutoSaveStateMiddleware), since only the work
 * inside `next()` is serialized. A turn must not wait for another turn of its own conversation
 * (e.g. awaiting continueConversation on it): that would wait forever.
 */
export class ConversationTurnQueue implements Middleware {
  constructor(private readonly queue: TurnQueue = new TurnQueue()) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { channelId, conversation } = context.activity;
    if (!conversation?.id) return next();
    await this.queue.runExclusive(`${channelId}/${conversation.id}`, next);
  }
}

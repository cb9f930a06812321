import { ActivityHandler, ActionTypes, MessageFactory, type Activity } from 'botbuilder';

export interface EchoBotOptions {
  /** Buttons offered under every echo (Web Chat suggested actions); none by default. */
  readonly suggestions?: readonly string[];
  /** Sent to each member who joins, so the welcome path can be tested. */
  readonly welcome?: string;
}

export const ECHO_PREFIX = 'Echo: ';

/** A tiny bot that repeats what it is told; used by server, Direct Line, browser and benchmark runs. */
export class EchoBot extends ActivityHandler {
  constructor(options: EchoBotOptions = {}) {
    super();
    const { suggestions = [], welcome } = options;
    this.onMessage(async (context, next) => {
      const reply: Partial<Activity> = MessageFactory.text(`${ECHO_PREFIX}${context.activity.text ?? ''}`);
      if (suggestions.length > 0) {
        reply.suggestedActions = {
          to: [context.activity.from.id],
          actions: suggestions.map((title) => ({ type: ActionTypes.ImBack, title, value: title })),
        };
      }
      await context.sendActivity(reply);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const joined = (context.activity.membersAdded ?? []).filter((member) => member.id !== context.activity.recipient?.id);
      if (welcome && joined.length > 0) await context.sendActivity(welcome);
      await next();
    });
  }
}

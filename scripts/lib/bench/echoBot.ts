import { ActivityHandler, MessageFactory } from 'botbuilder';

/**
 * The baseline bot: repeats the message. Same adapter, same server, no state or understanding,
 * so the difference to it is what the FAQ bot's own work costs.
 */
export class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity(MessageFactory.text(`Echo: ${context.activity.text ?? ''}`));
      await next();
    });
  }
}

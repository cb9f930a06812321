/**
 * The bot: welcomes people, strips Teams @-mentions, runs the FAQ dialog for each message and
 * saves conversation and user state. Turns of one conversation run one at a time so that two
 * messages arriving together cannot overwrite each other's state.
 */
import { ActivityHandler, TurnContext, type BotState, type StatePropertyAccessor } from 'botbuilder';
// The dialog modules are imported one by one: the package's index also loads the text recognizers
// of every prompt type (numbers, dates, choices in many languages), about +550 ms and +30 MB.
import type { Dialog } from 'botbuilder-dialogs/lib/dialog';
import { runDialog } from 'botbuilder-dialogs/lib/dialogHelper';
import type { DialogState } from 'botbuilder-dialogs/lib/dialogContext';
import { messageWithButtons, renderOptionsFor } from '../dialogs/activities';
import type { BotTexts } from './knowledge/schema';
import type { Logger } from './log';
import { isETagConflict } from './storage';

export interface TurnSerializer {
  runExclusive<T>(key: string, job: () => Promise<T>): Promise<T>;
}

export interface FaqBotOptions {
  readonly conversationState: BotState;
  readonly userState: BotState;
  readonly dialog: Dialog;
  readonly texts: BotTexts;
  readonly turns: TurnSerializer;
  readonly logger: Logger;
}

interface UserProfile {
  welcomed?: boolean;
  questions?: number;
}

export class FaqBot extends ActivityHandler {
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private readonly profile: StatePropertyAccessor<UserProfile>;

  constructor(private readonly options: FaqBotOptions) {
    super();
    this.dialogState = options.conversationState.createProperty<DialogState>('dialogState');
    this.profile = options.userState.createProperty<UserProfile>('profile');

    this.onMessage(async (context, next) => {
      if (context.activity.channelId === 'msteams' || context.activity.entities?.some((e) => e.type === 'mention')) {
        context.activity.text = TurnContext.removeRecipientMention(context.activity)?.trim() ?? context.activity.text;
      }
      const profile = await this.profile.get(context, {});
      profile.questions = (profile.questions ?? 0) + 1;
      await runDialog(options.dialog, context, this.dialogState);
      await next();
    });

    this.onMembersAdded(async (context, next) => {
      const others = (context.activity.membersAdded ?? []).filter((m) => m.id !== context.activity.recipient.id);
      if (others.length > 0) await this.welcome(context);
      await next();
    });

    this.onInstallationUpdateAdd(async (context, next) => {
      await this.welcome(context);
      await next();
    });
  }

  private async welcome(context: TurnContext): Promise<void> {
    const { texts } = this.options;
    const profile = await this.profile.get(context, {});
    profile.welcomed = true;
    const choices = texts.starterQuestions.map((q) => ({ title: q, value: q }));
    await context.sendActivity(messageWithButtons(texts.welcome, choices, renderOptionsFor(context.activity.channelId, texts)));
  }

  override async run(context: TurnContext): Promise<void> {
    const key = `${context.activity.channelId}/${context.activity.conversation?.id ?? ''}`;
    await this.options.turns.runExclusive(key, async () => {
      await super.run(context);
      try {
        await this.options.conversationState.saveChanges(context, false);
        await this.options.userState.saveChanges(context, false);
      } catch (error) {
        // Another instance saved this conversation meanwhile: its state stands, and this turn's
        // reply has been sent already, so retrying would answer twice.
        if (!isETagConflict(error)) throw error;
        this.options.logger.warn('state changed by another turn; keeping the other save', { conversation: key });
      }
    });
  }
}

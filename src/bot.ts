/**
 * The bot: welcomes people, strips Teams @-mentions, runs the FAQ dialog for each message and
 * saves conversation and user state. Turns of one conversation run one at a time so that two
 * messages arriving together cannot overwrite each other's state.
 */
import { ActivityHandler, ActivityTypes, TurnContext, type BotState, type StatePropertyAccessor } from 'botbuilder';
// The dialog modules are imported one by one: the package's index also loads the text recognizers
// of every prompt type (numbers, dates, choices in many languages), about +550 ms and +30 MB.
import { DialogTurnStatus, type Dialog } from 'botbuilder-dialogs/lib/dialog';
import type { DialogState } from 'botbuilder-dialogs/lib/dialogContext';
import { DialogSet } from 'botbuilder-dialogs/lib/dialogSet';
import type { DialogStateManagerConfiguration } from 'botbuilder-dialogs/lib/memory/dialogStateManager';
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
  /** The welcome's texts for a locale (the activity's: Web Chat's, the widget's, Teams'). */
  readonly texts: (locale: string | undefined) => BotTexts;
  readonly turns: TurnSerializer;
  readonly logger: Logger;
}

/** Where botbuilder-dialogs looks for the memory scopes of a turn before it builds them anew. */
const DIALOG_STATE_MANAGER_CONFIGURATION = 'DialogStateManagerConfiguration';

interface UserProfile {
  welcomed?: boolean;
  questions?: number;
}

export class FaqBot extends ActivityHandler {
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private readonly profile: StatePropertyAccessor<UserProfile>;
  private readonly dialogs: DialogSet;
  /** The dialog memory scopes, the same every turn: made on the first turn and handed to the next ones. */
  private memoryScopes: DialogStateManagerConfiguration | undefined;

  constructor(private readonly options: FaqBotOptions) {
    super();
    this.dialogState = options.conversationState.createProperty<DialogState>('dialogState');
    this.profile = options.userState.createProperty<UserProfile>('profile');
    this.dialogs = new DialogSet(this.dialogState).add(options.dialog);

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

  /**
   * A message: the question is answered by the dialog. Overridden rather than registered with
   * onMessage(), and called directly by run(): ActivityHandler's handler chains (turn, message and
   * dialog handlers, none of which this bot has) are a dozen generator-based async calls per turn in
   * botbuilder's build, whose leftovers are promoted to the old heap: most of what a turn left behind.
   */
  protected override async onMessageActivity(context: TurnContext): Promise<void> {
    if (context.activity.channelId === 'msteams' || context.activity.entities?.some((e) => e.type === 'mention')) {
      context.activity.text = TurnContext.removeRecipientMention(context.activity)?.trim() ?? context.activity.text;
    }
    const profile = await this.profile.get(context, {});
    profile.questions = (profile.questions ?? 0) + 1;
    await this.runDialog(context);
  }

  /**
   * Continues the dialog waiting for this message, or starts it. The classic botbuilder pattern rather
   * than runDialog(), which per turn builds a second set of dialog memory scopes, loads and saves
   * them, and sends a "BotState" trace with a snapshot of the dialog memory, which expectReplies
   * channels get in every response (this bot keeps nothing in dialog memory; its own trace goes to the Emulator).
   */
  private async runDialog(context: TurnContext): Promise<void> {
    if (this.memoryScopes) context.turnState.set(DIALOG_STATE_MANAGER_CONFIGURATION, this.memoryScopes);
    const dc = await this.dialogs.createContext(context);
    this.memoryScopes ??= dc.state.configuration;
    // Nothing on the stack (no question asked back): nothing to continue.
    const result = dc.activeDialog ? await dc.continueDialog() : undefined;
    if (!result || result.status === DialogTurnStatus.empty) await dc.beginDialog(this.options.dialog.id);
  }

  private async welcome(context: TurnContext): Promise<void> {
    const texts = this.options.texts(context.activity.locale);
    const profile = await this.profile.get(context, {});
    profile.welcomed = true;
    const choices = texts.starterQuestions.map((q) => ({ title: q, value: q }));
    await context.sendActivity(messageWithButtons(texts.welcome, choices, renderOptionsFor(context.activity.channelId, texts)));
  }

  override async run(context: TurnContext): Promise<void> {
    const key = `${context.activity.channelId}/${context.activity.conversation?.id ?? ''}`;
    await this.options.turns.runExclusive(key, async () => {
      // A message goes straight to onMessageActivity: ActivityHandler's dispatch would get there
      // through its onTurn handlers, of which this bot has none. Everything else takes that route.
      if (context.activity?.type === ActivityTypes.Message) await this.onMessageActivity(context);
      else await super.run(context);
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

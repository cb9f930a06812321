/**
 * The conversation: answer a question; when the engine needs to ask back (which entity? which of
 * two meanings?), prompt with buttons and answer the original question with the reply.
 */
import { Channels, type Activity, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
// Imported module by module: the package's index loads every prompt's text recognizers (+550 ms, +30 MB).
import { ComponentDialog } from 'botbuilder-dialogs/lib/componentDialog';
import { DialogTurnStatus, type DialogTurnResult } from 'botbuilder-dialogs/lib/dialog';
import type { DialogContext } from 'botbuilder-dialogs/lib/dialogContext';
import { TextPrompt } from 'botbuilder-dialogs/lib/prompts/textPrompt';
import { WaterfallDialog } from 'botbuilder-dialogs/lib/waterfallDialog';
import type { WaterfallStepContext } from 'botbuilder-dialogs/lib/waterfallStepContext';
import type { ConversationMemory, PendingQuestion, Reply } from '../src/answering/types';
import type { BotTexts } from '../src/knowledge/schema';
import { messageWithButtons, renderOptionsFor, replyActivity, type RenderOptions } from './activities';
import { DialogIds } from './ids';

/** What the dialog needs from the answering engine. */
export interface Answerer {
  /** The texts of a language or locale (the knowledge base's own language for any it does not speak). */
  textsFor(locale: string | undefined): BotTexts;
  /** The language a locale asks for, among the knowledge base's. */
  languageFor(locale: string | undefined): string;
  ask(message: string, memory?: ConversationMemory): Reply;
  answerClarification(pending: PendingQuestion, message: string, memory?: ConversationMemory): Reply;
  answerIntent(intentId: string, question: string, memory?: ConversationMemory): Reply;
  dontKnow(question: string, memory?: ConversationMemory): Reply;
}

/**
 * Where questions the bot could not answer, and "Did you mean…" choices, are kept. Called without
 * waiting (the reply must not wait for a log file), so implementations handle their own errors.
 */
export interface QuestionLog {
  recordUnanswered(entry: { text: string; conversationId: string; guesses: readonly { intent: string; score: number }[] }): Promise<void>;
  recordChoice(entry: { text: string; conversationId: string; chosen: string }): Promise<void>;
}

/** Kept in the dialog's step values while a prompt is open. */
type Waiting =
  | { readonly kind: 'clarify'; readonly pending: PendingQuestion }
  | { readonly kind: 'ambiguous'; readonly question: string; readonly choices: readonly { title: string; value: string }[] };

const TRACE_TYPE = 'https://schemas.faq-assistant/trace';

function renderOptions(context: TurnContext, texts: BotTexts): RenderOptions {
  return renderOptionsFor(context.activity.channelId, texts);
}

/**
 * The conversation's memory; a conversation that has no language yet starts in the one its
 * channel's locale asks for (Web Chat's, the widget's data-language, Teams' client).
 */
async function memoryOf(accessor: StatePropertyAccessor<ConversationMemory>, context: TurnContext, answerer: Answerer): Promise<ConversationMemory> {
  const memory = await accessor.get(context, {});
  return memory.language ? memory : { ...memory, language: answerer.languageFor(context.activity.locale) };
}

/** What the waterfall starts with: what to do with the answer (kept in the dialog state until then). */
interface FollowUpOptions {
  readonly waiting: Waiting;
}

/** The question to ask back, handed from onBeginDialog to the waterfall's first step in the same turn. */
const PROMPT = Symbol('faqDialog.prompt');

/**
 * The conversation as a component dialog. A question is answered as soon as the dialog begins;
 * only when the engine needs to ask back does the waterfall run: a text prompt with the choices,
 * then the original question answered with the reply.
 */
export class FaqDialog extends ComponentDialog {
  constructor(
    private readonly answerer: Answerer,
    private readonly memory: StatePropertyAccessor<ConversationMemory>,
    private readonly log: QuestionLog,
  ) {
    super(DialogIds.faq);
    this.addDialog(new TextPrompt(DialogIds.followUpPrompt));
    this.addDialog(new WaterfallDialog(DialogIds.flow, [this.askBackStep.bind(this), this.followUpStep.bind(this)]));
    this.initialDialogId = DialogIds.flow;
  }

  /** Answers the message; begins the ask-back waterfall only when the answer needs a reply. */
  protected override async onBeginDialog(innerDC: DialogContext): Promise<DialogTurnResult> {
    const { context } = innerDC;
    const memory = await memoryOf(this.memory, context, this.answerer);
    const reply = this.answerer.ask(context.activity.text ?? '', memory);
    if (reply.kind === 'clarify' || reply.kind === 'ambiguous') {
      const waiting: Waiting =
        reply.kind === 'clarify'
          ? { kind: 'clarify', pending: reply.pending }
          : { kind: 'ambiguous', question: reply.question, choices: reply.choices };
      await this.trace(context, reply);
      await this.keepLanguage(context, memory, reply);
      // The prompt goes in turn state, not in the options: the prompt keeps its own copy in the dialog state.
      context.turnState.set(PROMPT, this.promptActivity(context, reply));
      const options: FollowUpOptions = { waiting };
      return innerDC.beginDialog(DialogIds.flow, options);
    }
    await this.send(context, reply, memory);
    return { status: DialogTurnStatus.complete };
  }

  private async askBackStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { waiting } = step.options as FollowUpOptions;
    (step.values as { waiting?: Waiting }).waiting = waiting;
    const prompt: Partial<Activity> = step.context.turnState.get(PROMPT);
    return step.prompt(DialogIds.followUpPrompt, { prompt });
  }

  private async followUpStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const waiting = (step.values as { waiting: Waiting }).waiting;
    const text = String(step.result ?? '');
    const memory = await memoryOf(this.memory, step.context, this.answerer);
    const texts = this.answerer.textsFor(memory.language);
    let reply: Reply;
    if (waiting.kind === 'clarify') {
      reply = waiting.pending.intent && this.isQuestionIntent(waiting.pending)
        ? this.answerer.answerClarification(waiting.pending, text, memory)
        : this.answerer.ask(text, memory);
    } else {
      const chosen = waiting.choices.find((c) => same(c.title, text) || same(c.value, text));
      if (chosen) {
        void this.log.recordChoice({ text: waiting.question, conversationId: step.context.activity.conversation.id, chosen: chosen.value });
        reply = this.answerer.answerIntent(chosen.value, waiting.question, memory);
      } else if (same(text, texts.noneOfTheAbove)) {
        void this.log.recordChoice({ text: waiting.question, conversationId: step.context.activity.conversation.id, chosen: 'none' });
        reply = this.answerer.dontKnow(waiting.question, memory);
      } else {
        reply = this.answerer.ask(text, memory);
      }
    }
    await this.send(step.context, reply, memory);
    return step.endDialog();
  }

  private isQuestionIntent(pending: PendingQuestion): boolean {
    return pending.type.length > 0;
  }

  private promptActivity(context: TurnContext, reply: Reply & { kind: 'clarify' | 'ambiguous' }) {
    const texts = this.answerer.textsFor(reply.language);
    const options = renderOptions(context, texts);
    const choices = reply.kind === 'ambiguous'
      ? [...reply.choices, { title: texts.noneOfTheAbove, value: texts.noneOfTheAbove }]
      : reply.choices;
    return messageWithButtons(reply.text, choices, options);
  }

  /** Sends a reply, remembers what it was about (and its language), and logs it when it was not an answer. */
  private async send(context: TurnContext, reply: Reply, memory: ConversationMemory): Promise<void> {
    if (reply.kind === 'answer') await this.memory.set(context, reply.memory);
    else await this.keepLanguage(context, memory, reply);
    if (reply.kind === 'unknown' && reply.trace.route !== 'empty') this.recordUnanswered(context, reply.trace.text, reply);
    await this.sendOnly(context, reply);
  }

  /** A reply that is not an answer changes nothing the conversation remembers but its language. */
  private async keepLanguage(context: TurnContext, memory: ConversationMemory, reply: Reply): Promise<void> {
    if (reply.language && reply.language !== memory.language) await this.memory.set(context, { ...memory, language: reply.language });
  }

  private async sendOnly(context: TurnContext, reply: Reply): Promise<void> {
    await context.sendActivity(replyActivity(reply, renderOptions(context, this.answerer.textsFor(reply.language))));
    await this.trace(context, reply);
  }

  private recordUnanswered(context: TurnContext, text: string, reply: Reply): void {
    void this.log.recordUnanswered({ text, conversationId: context.activity.conversation.id, guesses: reply.trace.guesses });
  }

  /**
   * A trace activity with what was understood, for the Bot Framework Emulator. Other channels drop
   * traces, but with expectReplies botbuilder returns them to every channel, so they are sent to the Emulator only.
   */
  private async trace(context: TurnContext, reply: Reply): Promise<void> {
    if (context.activity.channelId !== Channels.Emulator) return;
    await context.sendTraceActivity('FaqAssistant', { kind: reply.kind, ...reply.trace }, TRACE_TYPE, 'Answer');
  }
}

function same(a: string, b: string): boolean {
  const clean = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  return clean(a) === clean(b);
}

/**
 * Talks to a running bot over the Bot Framework protocol with expectReplies delivery: each message
 * gets the bot's replies in the HTTP response. Used by the evaluation and the benchmarks.
 */
import type { Activity } from 'botbuilder';

export interface BotTurn {
  readonly status: number;
  readonly activities: readonly Partial<Activity>[];
}

let sequence = 0;

export class BotClient {
  constructor(
    private readonly baseUrl: string,
    private readonly channelId = 'emulator',
  ) {}

  activity(conversationId: string, text: string, extra: Partial<Activity> = {}): Partial<Activity> {
    sequence += 1;
    return {
      type: 'message',
      id: `m${sequence}`,
      channelId: this.channelId,
      serviceUrl: this.baseUrl,
      text,
      locale: 'en-US',
      from: { id: `user-${conversationId}`, name: 'User', role: 'user' },
      recipient: { id: 'bot', name: 'Bot', role: 'bot' },
      conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
      deliveryMode: 'expectReplies',
      ...extra,
    };
  }

  async post(activity: Partial<Activity>): Promise<BotTurn> {
    const response = await fetch(`${this.baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(activity),
    });
    const body = (await response.json().catch(() => ({}))) as { activities?: Partial<Activity>[] };
    return { status: response.status, activities: body.activities ?? [] };
  }

  send(conversationId: string, text: string): Promise<BotTurn> {
    return this.post(this.activity(conversationId, text));
  }
}

/** The bot's visible messages of a turn (trace activities left out). */
export function messagesOf(turn: BotTurn): Partial<Activity>[] {
  return turn.activities.filter((a) => a.type === 'message');
}

/** The text a person reads, with button titles. */
export function visibleText(turn: BotTurn): string {
  return messagesOf(turn)
    .map((a) => a.text ?? '')
    .join('\n');
}

/** The titles of the buttons offered (suggested actions or card buttons). */
export function buttonsOf(turn: BotTurn): string[] {
  const titles: string[] = [];
  for (const activity of messagesOf(turn)) {
    for (const action of activity.suggestedActions?.actions ?? []) titles.push(String(action.value ?? action.title));
    for (const attachment of activity.attachments ?? []) {
      const content = attachment.content as { buttons?: { value?: unknown; title?: string }[] } | undefined;
      for (const button of content?.buttons ?? []) titles.push(String(button.value ?? button.title));
    }
  }
  return titles;
}

/** The answer trace the bot sends to the Emulator channel. */
export function traceOf(turn: BotTurn): { kind: string; intent: string; score: number; route: string } | undefined {
  const trace = turn.activities.find((a) => a.type === 'trace' && a.name === 'FaqAssistant');
  return trace?.value as { kind: string; intent: string; score: number; route: string } | undefined;
}

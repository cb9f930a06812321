/**
 * Turns engine replies into Bot Framework activities that every channel shows: markdown text with
 * the citation in it, buttons as suggested actions, or as a hero card where suggested actions are
 * not shown (Teams channels and group chats).
 */
import { ActionTypes, CardFactory, MessageFactory, type Activity, type CardAction } from 'botbuilder';
import type { Citation } from '../src/knowledge/compose';
import type { Reply } from '../src/answering/types';

export interface RenderOptions {
  /** Show buttons in a card instead of suggested actions. */
  readonly buttonsInCard: boolean;
  readonly sourceLabel: string;
  /** For several sources (default: the label and an "s"). */
  readonly sourcesLabel?: string | undefined;
}

/** Teams shows suggested actions only in personal chats; a card shows buttons everywhere. */
export function renderOptionsFor(channelId: string, texts: { readonly sourceLabel: string; readonly sourcesLabel?: string | undefined }): RenderOptions {
  return { buttonsInCard: channelId === 'msteams', sourceLabel: texts.sourceLabel, sourcesLabel: texts.sourcesLabel };
}

export function citationLine(citations: readonly Citation[], label: string, plural = `${label}s`): string {
  if (citations.length === 0) return '';
  const list = citations.map((c) => `*${c.title}* (${c.date})`).join('; ');
  return `${citations.length > 1 ? plural : label}: ${list}`;
}

function buttons(titles: readonly { title: string; value: string }[]): CardAction[] {
  return titles.map(({ title, value }) => ({ type: ActionTypes.ImBack, title, value }));
}

/** A message with text and buttons, shaped for the channel. */
export function messageWithButtons(text: string, choices: readonly { title: string; value: string }[], options: RenderOptions): Partial<Activity> {
  if (choices.length === 0) return { ...MessageFactory.text(text), textFormat: 'markdown' };
  if (options.buttonsInCard) {
    const card = CardFactory.heroCard('', undefined, buttons(choices));
    return { ...MessageFactory.attachment(card, text), textFormat: 'markdown' };
  }
  const activity = MessageFactory.text(text);
  activity.suggestedActions = { actions: buttons(choices), to: [] };
  return { ...activity, textFormat: 'markdown' };
}

export function replyActivity(reply: Reply, options: RenderOptions): Partial<Activity> {
  const cited = reply.kind === 'answer' ? citationLine(reply.citations, options.sourceLabel, options.sourcesLabel) : '';
  const text = cited ? `${reply.text}\n\n${cited}` : reply.text;
  return messageWithButtons(text, choicesOf(reply), options);
}

/** The buttons of a reply: its choices when it asks back, else its suggested questions. */
function choicesOf(reply: Reply): readonly { title: string; value: string }[] {
  switch (reply.kind) {
    case 'clarify':
    case 'ambiguous':
      return reply.choices;
    case 'answer':
    case 'smalltalk':
    case 'unknown':
      return reply.suggestions.map((q) => ({ title: q, value: q }));
    default:
      return unreachableReply(reply);
  }
}

/** Fails to compile when a kind of reply is added and not turned into an activity here. */
function unreachableReply(reply: never): never {
  throw new Error(`unhandled reply: ${JSON.stringify(reply)}`);
}

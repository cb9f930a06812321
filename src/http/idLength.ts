import type { Activity } from 'botbuilder';

/**
 * The ids that name state: the channel, the conversation and the user become storage keys (and,
 * with authentication off, anyone may choose them). One longer than `max` is refused instead of
 * being stored; the message names the field.
 */
export function overlongId(activity: Partial<Activity>, max: number): string | undefined {
  const ids: [string, unknown][] = [
    ['channelId', activity.channelId],
    ['conversation.id', activity.conversation?.id],
    ['from.id', activity.from?.id],
    ['recipient.id', activity.recipient?.id],
  ];
  for (const [field, id] of ids) {
    if (typeof id === 'string' && id.length > max) return `${field} is longer than ${max} characters`;
  }
  return undefined;
}

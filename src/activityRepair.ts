/**
 * Optional activity fields that botbuilder and the bot iterate (mentions, members who joined or
 * left, attachments), in the shape they assume. A channel that sends a malformed one, or a Direct
 * Line visitor, who sets `entities` themselves, would otherwise fail the whole turn with a TypeError:
 * the bad entries are dropped instead and the turn goes on with the rest.
 */
import type { Activity } from 'botbuilder';

export interface RepairedActivity {
  readonly activity: Activity;
  /** What was dropped, e.g. `entities[2]` or `membersAdded` (not a list). Empty when nothing was. */
  readonly dropped: readonly string[];
}

type Fields = Record<string, unknown>;
type ItemCheck = (item: Fields) => boolean;

function isObject(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const hasId: ItemCheck = (item) => typeof item.id === 'string' && item.id !== '';

/** TurnContext reads `mentioned.id` of every mention (removeRecipientMention). */
const isEntity: ItemCheck = (item) =>
  typeof item.type === 'string' && (item.type !== 'mention' || (isObject(item.mentioned) && typeof item.mentioned.id === 'string'));

const LISTS: Readonly<Record<string, ItemCheck>> = {
  entities: isEntity,
  membersAdded: hasId,
  membersRemoved: hasId,
  attachments: () => true,
};

/** Returns the activity with malformed optional lists or list items removed; the input is not changed. */
export function repairActivity(activity: Activity): RepairedActivity {
  const fields = activity as unknown as Fields;
  const dropped: string[] = [];
  let repaired: Fields | undefined;
  for (const [name, wellFormed] of Object.entries(LISTS)) {
    const value = fields[name];
    if (value === undefined || value === null) continue;
    if (!Array.isArray(value)) {
      repaired ??= { ...fields };
      delete repaired[name];
      dropped.push(name);
      continue;
    }
    const kept = value.filter((item: unknown, index) => {
      const ok = isObject(item) && wellFormed(item);
      if (!ok) dropped.push(`${name}[${index}]`);
      return ok;
    });
    if (kept.length < value.length) (repaired ??= { ...fields })[name] = kept;
  }
  return { activity: repaired ? (repaired as unknown as Activity) : activity, dropped };
}

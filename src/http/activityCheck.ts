import type { Activity } from 'botbuilder';

/** Activity types defined by the Bot Framework protocol (botframework-schema's ActivityTypes). */
export const ACTIVITY_TYPES = [
  'message',
  'conversationUpdate',
  'typing',
  'endOfConversation',
  'event',
  'invoke',
  'installationUpdate',
  'messageReaction',
  'contactRelationUpdate',
  'deleteUserData',
  'messageUpdate',
  'messageDelete',
  'suggestion',
  'trace',
  'handoff',
  'command',
  'commandResult',
] as const;

export type ActivityType = (typeof ACTIVITY_TYPES)[number];

/** Delivery modes defined by the protocol (botframework-schema's DeliveryModes). */
export const DELIVERY_MODES = ['normal', 'notification', 'expectReplies', 'ephemeral'] as const;

export type ActivityCheck =
  | { readonly ok: true; readonly activity: Activity }
  | { readonly ok: false; readonly problem: string };

type Fields = Record<string, unknown>;

function isObject(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

function isActivityType(value: string): value is ActivityType {
  return (ACTIVITY_TYPES as readonly string[]).includes(value);
}

/** Absent or null (as some serialisers write unset fields). */
function isUnset(value: unknown): value is undefined | null {
  return value === undefined || value === null;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** The first thing wrong with an id-bearing member (conversation, from, recipient), if anything. */
function accountProblem(body: Fields, name: string): string | undefined {
  const member = body[name];
  if (!isObject(member)) return `activity is missing "${name}"`;
  if (!nonEmptyString(member.id)) return `activity is missing "${name}.id"`;
  return undefined;
}

/** The first thing wrong with the fields saying how replies travel, if anything. */
function deliveryProblem(body: Fields): string | undefined {
  const mode = body.deliveryMode;
  if (!isUnset(mode) && (typeof mode !== 'string' || !(DELIVERY_MODES as readonly string[]).includes(mode))) {
    return `activity "deliveryMode" must be one of ${DELIVERY_MODES.join(', ')}`;
  }
  const url = body.serviceUrl;
  // Without expectReplies the adapter posts the replies to serviceUrl, so it must be there.
  if (isUnset(url) || url === '') return mode === 'expectReplies' ? undefined : 'activity is missing "serviceUrl"';
  if (typeof url !== 'string' || !isHttpUrl(url)) return 'activity "serviceUrl" must be an http(s) URL';
  return undefined;
}

/**
 * Checks the fields the Bot Framework protocol requires of an activity sent to a bot (type,
 * channelId, from, recipient, conversation; serviceUrl unless the replies come back in the
 * response), so that a malformed request is answered with a 400 naming the field instead of
 * failing deep inside the turn. Optional fields are the adapter's to tidy (src/activityRepair.ts).
 */
export function checkActivity(body: unknown): ActivityCheck {
  if (!isObject(body)) return { ok: false, problem: 'request body must be a JSON object (an activity)' };
  if (!nonEmptyString(body.type)) return { ok: false, problem: 'activity is missing "type"' };
  if (!isActivityType(body.type)) return { ok: false, problem: `unknown activity type "${body.type}"` };
  if (!nonEmptyString(body.channelId)) return { ok: false, problem: 'activity is missing "channelId"' };
  const problem =
    accountProblem(body, 'conversation') ??
    accountProblem(body, 'from') ??
    accountProblem(body, 'recipient') ??
    deliveryProblem(body);
  if (problem) return { ok: false, problem };
  if (!isUnset(body.text) && typeof body.text !== 'string') {
    return { ok: false, problem: 'activity "text" must be a string' };
  }
  return { ok: true, activity: body as unknown as Activity };
}

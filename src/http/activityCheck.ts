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

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** The first thing wrong with an id-bearing member (conversation, from, recipient), if anything. */
function accountProblem(body: Fields, name: string, required: boolean): string | undefined {
  const member = body[name];
  if (member === undefined && !required) return undefined;
  if (!isObject(member)) return `activity is missing "${name}"`;
  if (!nonEmptyString(member.id)) return `activity is missing "${name}.id"`;
  return undefined;
}

/**
 * Checks what the adapter and a bot rely on before a turn runs, so that a malformed request is
 * answered with a 400 naming the problem instead of failing deep inside the turn.
 */
export function checkActivity(body: unknown): ActivityCheck {
  if (!isObject(body)) return { ok: false, problem: 'request body must be a JSON object (an activity)' };
  if (!nonEmptyString(body.type)) return { ok: false, problem: 'activity is missing "type"' };
  if (!isActivityType(body.type)) return { ok: false, problem: `unknown activity type "${body.type}"` };
  const problem =
    accountProblem(body, 'conversation', true) ??
    accountProblem(body, 'from', true) ??
    accountProblem(body, 'recipient', false);
  if (problem) return { ok: false, problem };
  if (body.text !== undefined && body.text !== null && typeof body.text !== 'string') {
    return { ok: false, problem: 'activity "text" must be a string' };
  }
  // Without expectReplies the adapter posts the replies to serviceUrl, so it must be usable.
  if (body.deliveryMode !== 'expectReplies') {
    if (!nonEmptyString(body.serviceUrl)) return { ok: false, problem: 'activity is missing "serviceUrl"' };
    if (!isHttpUrl(body.serviceUrl)) return { ok: false, problem: 'activity "serviceUrl" must be an http(s) URL' };
  }
  return { ok: true, activity: body as unknown as Activity };
}

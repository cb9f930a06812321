import { randomBytes } from 'node:crypto';

/** An unguessable, URL-safe identifier (the given number of random bytes, base64url). */
export function randomId(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}

/** Direct Line's conventions: user ids start with "dl_", activity ids are "<conversation>|<sequence>". */
export const newUserId = (): string => `dl_${randomId(12)}`;
export const newConversationId = (): string => randomId(18);
export const newToken = (): string => randomId(32);
export const activityId = (conversationId: string, sequence: number): string =>
  `${conversationId}|${String(sequence).padStart(7, '0')}`;

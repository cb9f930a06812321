import { randomBytes } from 'node:crypto';

/** An unguessable, URL-safe identifier (the given number of random bytes, base64url). */
export function randomId(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}

/**
 * Visitor ids. Web Chat trusts a "dl_" id only when it is embedded in an Azure token, so this
 * server's own ids use another prefix and the Azure exchange asks for "dl_" ones.
 */
export const newUserId = (): string => `u_${randomId(12)}`;
export const newAzureUserId = (): string => `dl_${randomId(12)}`;

/** Direct Line's activity id convention: "<conversation>|<sequence>". */
export const newConversationId = (): string => randomId(18);
export const newToken = (): string => randomId(32);
export const activityId = (conversationId: string, sequence: number): string =>
  `${conversationId}|${String(sequence).padStart(7, '0')}`;

import type { Logger } from '../log.js';
import { newAzureUserId } from './ids.js';
import { failure, ok, type ChatToken, type DirectLineReply } from './protocol.js';

const EXCHANGE_TIMEOUT_MS = 10_000;

function isGeneratedToken(value: unknown): value is { token: string; conversationId: string; expires_in: number } {
  if (typeof value !== 'object' || value === null) return false;
  const { token, conversationId, expires_in: expiresIn } = value as Record<string, unknown>;
  return typeof token === 'string' && typeof conversationId === 'string' && typeof expiresIn === 'number';
}

/**
 * Exchanges the Direct Line secret for a short-lived, conversation-bound token
 * (POST {endpoint}/tokens/generate). The secret stays on the server; the page only sees the token.
 */
export async function generateAzureToken(endpoint: string, secret: string, logger: Logger, fetchImpl: typeof fetch = fetch): Promise<DirectLineReply> {
  const userId = newAzureUserId();
  try {
    const response = await fetchImpl(`${endpoint}/tokens/generate`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ user: { id: userId } }),
      signal: AbortSignal.timeout(EXCHANGE_TIMEOUT_MS),
    });
    const body: unknown = await response.json().catch(() => undefined);
    if (!response.ok || !isGeneratedToken(body)) {
      logger.error('direct line token exchange refused', { status: response.status });
      return failure(502, 'TokenExchangeFailed', 'could not get a Direct Line token');
    }
    const token: ChatToken = { token: body.token, conversationId: body.conversationId, expires_in: body.expires_in, domain: endpoint, webSocket: true };
    return ok(token);
  } catch (error) {
    logger.error('direct line token exchange failed', { error: error instanceof Error ? error.message : String(error) });
    return failure(502, 'TokenExchangeFailed', 'could not reach the Direct Line service');
  }
}

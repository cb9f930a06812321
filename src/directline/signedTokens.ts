import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a token says: who may act in which conversation, until when, and which of its tokens it is. */
export interface TokenClaims {
  readonly conversationId: string;
  readonly userId: string;
  /** Counts refreshes: the conversation's record says which generations are still accepted. */
  readonly generation: number;
  /** Milliseconds since the epoch. */
  readonly expiresAt: number;
  /** The page's locale when the token was asked for, so the welcome is in its language. */
  readonly locale?: string;
}

/**
 * How long a refreshed token keeps working: requests the page sent just before it got the new
 * token are still on their way. It can no longer be refreshed, so no chain of tokens grows from it.
 */
export const REFRESH_OVERLAP_MS = 5000;

/** Shortest accepted signing key, in bytes (HMAC-SHA256 gains nothing from more than 64). */
export const MIN_KEY_BYTES = 32;

function isClaims(value: unknown): value is { c: string; u: string; g: number; e: number; l?: string } {
  if (typeof value !== 'object' || value === null) return false;
  const { c, u, g, e, l } = value as Record<string, unknown>;
  return typeof c === 'string' && typeof u === 'string' && Number.isSafeInteger(g) && Number.isSafeInteger(e) && (l === undefined || typeof l === 'string');
}

/**
 * Direct Line tokens signed with HMAC-SHA256: `<claims, base64url JSON>.<signature>`. Any instance
 * holding the key can check one without asking anybody, and a restart does not invalidate it. A
 * visitor can read their own claims but not change a byte of them. Two parts, not three, so
 * clients do not mistake it for a JWT.
 */
export class TokenSigner {
  private readonly key: Buffer;

  constructor(
    key: Buffer,
    private readonly lifetimeMs: number,
    private readonly now: () => number = Date.now,
  ) {
    if (key.length < MIN_KEY_BYTES) throw new RangeError(`the token key must have at least ${MIN_KEY_BYTES} bytes`);
    this.key = Buffer.from(key);
  }

  get lifetimeSeconds(): number {
    return Math.round(this.lifetimeMs / 1000);
  }

  issue(conversationId: string, userId: string, generation: number, locale?: string): { token: string; claims: TokenClaims } {
    const claims: TokenClaims = { conversationId, userId, generation, expiresAt: this.now() + this.lifetimeMs, ...(locale ? { locale } : {}) };
    const payload = Buffer.from(JSON.stringify({ c: conversationId, u: userId, g: generation, e: claims.expiresAt, ...(locale ? { l: locale } : {}) })).toString('base64url');
    return { token: `${payload}.${this.sign(payload)}`, claims };
  }

  /** The claims of a token signed with this key and not yet expired; undefined for anything else. */
  read(token: string | undefined): TokenClaims | undefined {
    if (!token || token.length > 1024) return undefined;
    const dot = token.indexOf('.');
    if (dot <= 0) return undefined;
    const payload = token.slice(0, dot);
    const given = Buffer.from(token.slice(dot + 1), 'base64url');
    const expected = Buffer.from(this.sign(payload), 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      return undefined;
    }
    if (!isClaims(parsed) || parsed.e <= this.now()) return undefined;
    return { conversationId: parsed.c, userId: parsed.u, generation: parsed.g, expiresAt: parsed.e, ...(parsed.l ? { locale: parsed.l } : {}) };
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest('base64url');
  }
}

import { newToken } from './ids.js';

/** What a token lets its holder do: act as one user in one conversation, until it expires. */
export interface TokenGrant {
  readonly token: string;
  readonly conversationId: string;
  readonly userId: string;
  readonly expiresAt: number;
  /** Replaced by a refresh: still accepted until expiresAt (moved close), never refreshed again. */
  readonly superseded?: true;
}

/**
 * How long a refreshed token keeps working: requests the page sent just before it got the new
 * token are still on their way. It can no longer be refreshed, so no chain of tokens grows from it.
 */
export const REFRESH_OVERLAP_MS = 5000;

/**
 * Issues and checks Direct Line tokens. A token is a random bearer secret bound to one
 * conversation and one user; it never encodes anything a visitor could alter.
 */
export class TokenRegistry {
  private readonly grants = new Map<string, TokenGrant>();
  private readonly byConversation = new Map<string, Set<string>>();

  constructor(
    private readonly lifetimeMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get lifetimeSeconds(): number {
    return Math.round(this.lifetimeMs / 1000);
  }

  issue(conversationId: string, userId: string): TokenGrant {
    const grant = { token: newToken(), conversationId, userId, expiresAt: this.now() + this.lifetimeMs };
    this.grants.set(grant.token, grant);
    const tokens = this.byConversation.get(conversationId) ?? new Set<string>();
    tokens.add(grant.token);
    this.byConversation.set(conversationId, tokens);
    return grant;
  }

  /** The grant behind a live token; undefined for unknown, revoked or expired tokens. */
  verify(token: string | undefined): TokenGrant | undefined {
    if (!token) return undefined;
    const grant = this.grants.get(token);
    if (!grant) return undefined;
    if (grant.expiresAt <= this.now()) {
      this.forget(grant);
      return undefined;
    }
    return grant;
  }

  /**
   * A fresh token for the same conversation and user. The old one is revoked (after a short
   * overlap, see REFRESH_OVERLAP_MS) and any older ones at once: a conversation has at most two.
   */
  refresh(token: string | undefined): TokenGrant | undefined {
    const grant = this.verify(token);
    if (!grant || grant.superseded) return undefined;
    for (const other of this.byConversation.get(grant.conversationId) ?? []) {
      if (other !== grant.token) this.forget(this.grants.get(other)!);
    }
    this.grants.set(grant.token, { ...grant, superseded: true, expiresAt: Math.min(grant.expiresAt, this.now() + REFRESH_OVERLAP_MS) });
    return this.issue(grant.conversationId, grant.userId);
  }

  revokeConversation(conversationId: string): void {
    for (const token of this.byConversation.get(conversationId) ?? []) this.grants.delete(token);
    this.byConversation.delete(conversationId);
  }

  /** Drops expired tokens so that abandoned ones do not accumulate. */
  sweep(): void {
    const now = this.now();
    for (const grant of this.grants.values()) if (grant.expiresAt <= now) this.forget(grant);
  }

  get size(): number {
    return this.grants.size;
  }

  private forget(grant: TokenGrant): void {
    this.grants.delete(grant.token);
    const tokens = this.byConversation.get(grant.conversationId);
    tokens?.delete(grant.token);
    if (tokens?.size === 0) this.byConversation.delete(grant.conversationId);
  }
}

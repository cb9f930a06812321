import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { RateLimitConfig } from '../config.js';

/** What a request costs: a token, a new conversation or a message. */
export type LimitedAction = keyof RateLimitConfig;

/** Who and what a request counts against; a missing key skips that limit. */
export interface LimitKeys {
  readonly client?: string;
  readonly conversation?: string;
}

export type LimitDecision = { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number; readonly scope: Scope };

type Scope = 'client' | 'conversation' | 'total';

const WINDOW_SECONDS = 60;
const TOTAL_KEY = 'all';

/**
 * Per-minute budgets for the public endpoints, kept in memory by rate-limiter-flexible (one fixed
 * window per key; for several instances its Redis limiter takes the same options). The narrower
 * budgets are checked first, so a client over its own budget does not use up everyone's.
 */
export class RateLimits {
  private readonly limiters = new Map<string, RateLimiterMemory>();

  constructor(config: RateLimitConfig) {
    for (const [action, budget] of Object.entries(config) as [LimitedAction, Record<string, number>][]) {
      for (const [scope, points] of Object.entries(budget)) {
        if (points > 0) this.limiters.set(`${action}/${scopeOf(scope)}`, new RateLimiterMemory({ points, duration: WINDOW_SECONDS, keyPrefix: `${action}-${scope}` }));
      }
    }
  }

  async take(action: LimitedAction, keys: LimitKeys): Promise<LimitDecision> {
    const checks: [Scope, string | undefined][] = [
      ['client', keys.client],
      ['conversation', keys.conversation],
      ['total', TOTAL_KEY],
    ];
    for (const [scope, key] of checks) {
      const limiter = this.limiters.get(`${action}/${scope}`);
      if (!limiter || key === undefined) continue;
      try {
        await limiter.consume(key);
      } catch (refusal) {
        if (!(refusal instanceof RateLimiterRes)) throw refusal;
        return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(refusal.msBeforeNext / 1000)), scope };
      }
    }
    return { allowed: true };
  }
}

function scopeOf(budgetName: string): Scope {
  return budgetName === 'perClient' ? 'client' : budgetName === 'perConversation' ? 'conversation' : 'total';
}

/**
 * The address a request counts against: the socket's peer, or with `trustedHops` proxies in front
 * the entry they appended to X-Forwarded-For (anything before it is the client's own claim). IPv6
 * clients count by their /64, which one subscriber usually holds whole.
 */
export function clientAddress(req: IncomingMessage, trustedHops: number): string {
  let address = req.socket.remoteAddress ?? 'unknown';
  if (trustedHops > 0) {
    const header = req.headers['x-forwarded-for'];
    const hops = (Array.isArray(header) ? header.join(',') : header ?? '').split(',').map((hop) => hop.trim()).filter(Boolean);
    const claimed = hops[hops.length - trustedHops];
    if (claimed && isIP(claimed)) address = claimed;
  }
  return networkOf(address);
}

function networkOf(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (isIP(address) !== 6) return address;
  const [head = '', tail = ''] = address.toLowerCase().split('::');
  const front = head ? head.split(':') : [];
  const back = tail ? tail.split(':') : [];
  const groups = address.includes('::') ? [...front, ...Array<string>(8 - front.length - back.length).fill('0'), ...back] : front;
  return `${groups.slice(0, 4).map((group) => group.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

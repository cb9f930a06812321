/**
 * Authentication of /api/messages requests, as an answer the server can send: the Bot Framework's
 * own validation, with its failures told apart. A token that is not the Bot Framework's is refused
 * (401, a short reason); signing keys that cannot be fetched are the operator's problem, not the
 * caller's: 503, logged once per outage rather than once per request.
 */
import type { Activity, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import type { Logger } from './log.js';

type AuthenticateRequestResult = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>>;

export type ChannelAuthentication =
  | { readonly kind: 'authenticated'; readonly result: AuthenticateRequestResult }
  | { readonly kind: 'refused'; readonly status: 401 | 503; readonly message: string; readonly retryAfterSeconds?: number };

export interface ChannelAuthOptions {
  /** Off: botbuilder lets every request in as anonymous, whatever its Authorization header says. */
  readonly enabled: boolean;
  readonly logger: Logger;
  /** Longest wait for botbuilder's check (which may be downloading the signing keys). */
  readonly timeoutMs: number;
  /** After the keys could not be fetched, requests get 503 straight away for this long instead of each trying again. */
  readonly retryAfterMs: number;
  readonly now?: () => number;
}

/** The algorithms botbuilder verifies Bot Framework tokens with (AuthenticationConstants.AllowedSigningAlgorithms). */
const SIGNING_ALGORITHMS = new Set(['RS256', 'RS384', 'RS512']);
/** botbuilder's tolerance for the clocks of the token issuer and this server. */
const CLOCK_TOLERANCE_SECONDS = 300;

class KeysUnavailable extends Error {}

function decodePart(part: string | undefined): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * What makes a bearer token unacceptable before its signature is looked at, if anything: these
 * are refused even while the signing keys cannot be fetched. Bot Framework tokens are RS256 JWTs
 * verified against the keys the Bot Framework publishes, never against a key the token points to.
 */
export function tokenProblem(authorization: string, nowSeconds: number): string | undefined {
  const [scheme, token, extra] = authorization.trim().split(/\s+/);
  if (scheme?.toLowerCase() !== 'bearer' || !token || extra !== undefined) return 'a Bearer token is required';
  const parts = token.split('.');
  const header = decodePart(parts[0]);
  const claims = decodePart(parts[1]);
  if (parts.length !== 3 || !header || !claims || !parts[2]) return 'the token is not a signed JWT';
  if (typeof header.alg !== 'string' || !SIGNING_ALGORITHMS.has(header.alg)) return 'the token signing algorithm is not accepted';
  if (['jku', 'jwk', 'x5u'].some((name) => name in header)) return 'the token names its own signing key';
  if (typeof claims.exp === 'number' && claims.exp + CLOCK_TOLERANCE_SECONDS < nowSeconds) return 'the token has expired';
  if (typeof claims.nbf === 'number' && claims.nbf - CLOCK_TOLERANCE_SECONDS > nowSeconds) return 'the token is not valid yet';
  return undefined;
}

/**
 * botbuilder downloading the OpenID metadata or the signing keys, and failing: node-fetch's
 * network error, or botbuilder's own error for a document that came back with an error status.
 */
function isKeyFetchFailure(error: unknown): boolean {
  if (error instanceof KeysUnavailable) return true;
  if (!(error instanceof Error)) return false;
  return error.name === 'FetchError' || /^Failed to load (Keys|openID config)/.test(error.message);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class ChannelAuthenticator {
  private readonly now: () => number;
  /** While the keys cannot be fetched: when to try again. */
  private keysRetryAt: number | undefined;

  constructor(
    private readonly botFramework: Pick<ConfigurationBotFrameworkAuthentication, 'authenticateRequest'>,
    private readonly options: ChannelAuthOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  async authenticate(activity: Activity, authorization: string): Promise<ChannelAuthentication> {
    if (this.options.enabled) {
      const problem = tokenProblem(authorization, this.now() / 1000);
      if (problem) return this.refuse(problem);
      if (this.keysRetryAt !== undefined && this.now() < this.keysRetryAt) return this.unavailable();
    }
    try {
      const result = await this.withinTime(this.botFramework.authenticateRequest(activity, authorization));
      if (this.keysRetryAt !== undefined) this.options.logger.info('Bot Framework signing keys fetched again');
      this.keysRetryAt = undefined;
      return { kind: 'authenticated', result };
    } catch (error) {
      // botbuilder's reasons are long and name keys and app ids: the log has them, the caller a short one.
      if (!isKeyFetchFailure(error)) return this.refuse('the token is not valid for this bot', describe(error));
      if (this.keysRetryAt === undefined) {
        this.options.logger.error('Bot Framework signing keys cannot be fetched: channel requests get 503 until they can', { error: describe(error) });
      }
      this.keysRetryAt = this.now() + this.options.retryAfterMs;
      return this.unavailable();
    }
  }

  private refuse(reason: string, detail: string = reason): ChannelAuthentication {
    this.options.logger.debug('channel request refused', { reason: detail });
    return { kind: 'refused', status: 401, message: `unauthorized: ${reason}` };
  }

  private unavailable(): ChannelAuthentication {
    const retryAfterSeconds = Math.ceil(this.options.retryAfterMs / 1000);
    return { kind: 'refused', status: 503, message: 'cannot check Bot Framework tokens at the moment; try again later', retryAfterSeconds };
  }

  private withinTime<T>(check: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new KeysUnavailable('the token check timed out')), this.options.timeoutMs);
    });
    return Promise.race([check, timeout]).finally(() => clearTimeout(timer));
  }
}

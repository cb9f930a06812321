/** Shapes and small functions of the Direct Line 3.0 protocol shared by the local service and the routes. */

export interface DirectLineReply {
  readonly status: number;
  readonly body?: unknown;
  /** Sent as Retry-After with a 429 or 503: when trying again makes sense. */
  readonly retryAfterSeconds?: number;
}

/** What POST /api/directline/token answers: everything the page needs to open Web Chat. */
export interface ChatToken {
  readonly token: string;
  readonly conversationId: string;
  readonly expires_in: number;
  /** The visitor's id, when the token does not carry it (Azure's tokens do). */
  readonly userId?: string;
  /** The Direct Line base URL Web Chat talks to (Azure's, or this server's own). */
  readonly domain: string;
  readonly webSocket: boolean;
}

/** Direct Line's error body: { error: { code, message } }. */
export function failure(status: number, code: string, message: string, retryAfterSeconds?: number): DirectLineReply {
  const body = { error: { code, message } };
  return retryAfterSeconds === undefined ? { status, body } : { status, body, retryAfterSeconds };
}

export function ok(body: unknown, status = 200): DirectLineReply {
  return { status, body };
}

/** The token from an "Authorization: Bearer <token>" header. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}

/** A watermark is the count of activities already seen; empty means "from the start". */
export function parseWatermark(raw: string | null | undefined): number | undefined {
  if (raw === null || raw === undefined || raw === '') return 0;
  return /^\d{1,15}$/.test(raw) ? Number(raw) : undefined;
}

const LOCALE = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$/;

export function isLocale(value: unknown): value is string {
  return typeof value === 'string' && LOCALE.test(value);
}

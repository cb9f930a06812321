import type { LocalDirectLine, Caller } from './localDirectLine.js';
import type { DirectLineReply } from './protocol.js';

/** Where this server's own Direct Line lives; Web Chat is given it as its "domain". */
export const DIRECT_LINE_BASE = '/v3/directline';

/** The stream URL handed out in conversation replies: /v3/directline/conversations/:id/stream?t=... */
export const STREAM_PATH = /^\/v3\/directline\/conversations\/([A-Za-z0-9_-]+)\/stream$/;

export interface DirectLineCall extends Caller {
  readonly params: Readonly<Record<string, string | undefined>>;
  readonly query: URLSearchParams;
  readonly body: unknown;
}

export interface DirectLineRoute {
  readonly method: 'get' | 'post';
  readonly path: string;
  /** 'optional': an empty body is fine; 'none': the body is ignored. */
  readonly body: 'required' | 'optional' | 'none';
  /** The per-client budget the call is charged to, if any. */
  readonly limit?: 'tokens' | 'conversations' | 'messages';
  handle(call: DirectLineCall): DirectLineReply | Promise<DirectLineReply>;
}

/** The Direct Line 3.0 operations Web Chat uses, independent of the HTTP framework serving them. */
export function localDirectLineRoutes(service: LocalDirectLine): DirectLineRoute[] {
  const conversation = (call: DirectLineCall): string => call.params.conversationId ?? '';
  const watermark = (call: DirectLineCall): string | undefined => call.query.get('watermark') ?? undefined;
  return [
    { method: 'post', path: `${DIRECT_LINE_BASE}/conversations`, body: 'optional', limit: 'conversations', handle: (call) => service.startConversation(call, call.body) },
    { method: 'get', path: `${DIRECT_LINE_BASE}/conversations/:conversationId`, body: 'none', handle: (call) => service.resumeConversation(call, conversation(call), watermark(call)) },
    { method: 'get', path: `${DIRECT_LINE_BASE}/conversations/:conversationId/activities`, body: 'none', handle: (call) => service.getActivities(call, conversation(call), watermark(call)) },
    { method: 'post', path: `${DIRECT_LINE_BASE}/conversations/:conversationId/activities`, body: 'required', limit: 'messages', handle: (call) => service.postActivity(call, conversation(call), call.body) },
    { method: 'post', path: `${DIRECT_LINE_BASE}/tokens/refresh`, body: 'none', limit: 'tokens', handle: (call) => service.refreshToken(call) },
  ];
}

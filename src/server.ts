import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import restify, { type Request, type Response } from 'restify';
import { randomBytes } from 'node:crypto';
import { MemoryStorage, type Storage, type TurnContext } from 'botbuilder';
import type { BotServerAdapter } from './adapter.js';
import type { Config } from './config.js';
import type { Logger } from './log.js';
import { generateAzureToken } from './directline/azureToken.js';
import { DEFAULT_DIRECT_LINE_LIMITS, LocalDirectLine, type DirectLineLimits } from './directline/localDirectLine.js';
import { bearerToken, failure, isLocale, ok, type ChatToken, type DirectLineReply } from './directline/protocol.js';
import { DIRECT_LINE_BASE, STREAM_PATH, localDirectLineRoutes, type DirectLineRoute } from './directline/routes.js';
import { acceptWebSocket, refuseUpgrade } from './directline/webSocket.js';
import { checkActivity } from './http/activityCheck.js';
import { readJsonBody, type JsonBody } from './http/body.js';
import { RequestDrain } from './http/drain.js';
import { overlongId } from './http/idLength.js';
import { allowedOriginList, isAllowedOrigin, publicBaseUrl } from './http/origins.js';
import { clientAddress, RateLimits, type LimitDecision, type LimitedAction } from './http/rateLimits.js';
import { BASE_HEADERS } from './http/securityHeaders.js';
import { ServiceUrlPolicy } from './http/serviceUrls.js';
import { createWebPages } from './http/webPages.js';

/** Anything that can take a turn: a botbuilder ActivityHandler, or a test double. */
export interface TurnHandler {
  run(context: TurnContext): Promise<void>;
}

export interface DirectLineOptions extends Partial<DirectLineLimits> {
  /** channelId the bot sees for turns from the built-in Direct Line (default "directline"). */
  readonly channelId?: string;
  /** Where conversations are kept (the bot's state storage); in memory by default. */
  readonly storage?: Storage;
  /** The key tokens are signed with; a random one by default (tokens then die with the process). */
  readonly tokenKey?: Buffer;
  /** Several instances share the storage: streams are sent what others added, checked this often (ms). */
  readonly sharedSyncMs?: number;
}

export interface ServerOptions {
  readonly config: Config;
  readonly logger: Logger;
  readonly adapter: BotServerAdapter;
  readonly bot: TurnHandler;
  /** What GET /healthz reports (knowledge version, counts...); must be JSON-serialisable. */
  readonly health: () => unknown;
  /** Limits of the built-in Direct Line (used when no DIRECT_LINE_SECRET is configured). */
  readonly directLine?: DirectLineOptions;
  /** Folder with the web pages; found next to the package root by default. */
  readonly publicDir?: string;
}

export interface BotServer {
  /** The underlying restify server, for adding routes before start(). */
  readonly restify: restify.Server;
  /** Listens (port 0 picks a free port) and resolves with the bound port and a base URL. */
  start(port: number, host?: string): Promise<{ readonly port: number; readonly url: string; readonly address: string }>;
  /** Stops listening, ends open connections and streams, stops background timers and lets queued replies go out. */
  close(): Promise<void>;
  /**
   * A graceful close: stops accepting, lets the requests in flight finish (at most graceMs; others
   * arriving meanwhile get 503), then closes. Resolves with the number cut off by the grace period.
   */
  shutdown(graceMs: number): Promise<number>;
}

type Handler = (req: Request, res: Response) => Promise<void>;

/**
 * Largest body on the built-in Direct Line, whose callers are anonymous visitors. A Web Chat
 * message is a couple of kB (the bot reads the first 500 characters of its text); this leaves
 * room for a long paste and is an eighth of what channels may send to /api/messages.
 */
const DIRECT_LINE_MAX_BODY_BYTES = 32 * 1024;

function sendError(res: Response, status: number, message: string): void {
  res.send(status, { error: message });
}

/** The answer to a request over its budget: 429 with Retry-After, in the route's own error shape. */
function limitReply(decision: LimitDecision & { allowed: false }): DirectLineReply {
  return failure(429, 'TooManyRequests', `too many requests (${decision.scope}); try again later`, decision.retryAfterSeconds);
}

function describe(error: unknown): Record<string, unknown> {
  return error instanceof Error ? { error: error.message, stack: error.stack } : { error: String(error) };
}

/** Turns an unexpected exception into a logged 500 instead of an unhandled rejection. */
function guarded(logger: Logger, handler: Handler): Handler {
  return async (req, res) => {
    try {
      await handler(req, res);
    } catch (error) {
      logger.error('request failed', { method: req.method, path: req.getPath(), ...describe(error) });
      if (!res.headersSent) sendError(res, 500, 'internal error');
    }
  };
}

function logRequests(server: restify.Server, logger: Logger, drain: RequestDrain): void {
  server.pre((req, res, next) => {
    if (!drain.admit(res)) return next(false);
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      // The path only: query strings can carry Direct Line tokens.
      logger.debug('request', { method: req.method, path: req.getPath(), status: res.statusCode, ms: Math.round(ms * 10) / 10 });
    });
    for (const [name, value] of Object.entries(BASE_HEADERS)) res.header(name, value);
    next();
  });
  server.on('restifyError', (req: Request, _res: Response, error: Error & { statusCode?: number }, callback: () => void) => {
    if ((error.statusCode ?? 500) >= 500) logger.error('request failed', { method: req.method, path: req.getPath(), ...describe(error) });
    callback();
  });
}

/** A refused body, answered alike on every route: a client that may still be sending gets the answer and a closed connection. */
function closeIfUnread(res: Response, body: Extract<JsonBody, { kind: 'rejected' }>): void {
  if (body.unread) res.header('Connection', 'close');
}

function messagesRoute({ adapter, bot, config }: ServerOptions, limits: RateLimits): Handler {
  const serviceUrls = new ServiceUrlPolicy(config.allowedServiceUrls);
  return async (req, res) => {
    const body = await readJsonBody(req, config.maxBodyBytes);
    if (body.kind === 'rejected') {
      closeIfUnread(res, body);
      return sendError(res, body.status, body.message);
    }
    const check = checkActivity(body.value);
    if (!check.ok) return sendError(res, 400, check.problem);
    const overlong = overlongId(check.activity, config.maxIdLength);
    if (overlong) return sendError(res, 400, overlong);
    const decision = await limits.take('messages', { conversation: `${check.activity.channelId}/${check.activity.conversation?.id}` });
    if (!decision.allowed) {
      res.header('Retry-After', String(decision.retryAfterSeconds));
      return sendError(res, 429, 'too many messages in this conversation; try again later');
    }
    const { activity } = check;
    // With authentication on, the channel's token vouches for serviceUrl; without it, only the operator's list does.
    if (!config.auth.appId && activity.deliveryMode !== 'expectReplies' && !serviceUrls.permits(activity.serviceUrl)) {
      return sendError(res, 403, 'replies cannot be posted to this "serviceUrl": list it in ALLOWED_SERVICE_URLS, or send "deliveryMode": "expectReplies"');
    }
    const turn = await adapter.processChannelActivity(req.headers.authorization ?? '', activity, (context) => bot.run(context));
    if (turn.kind === 'refused') {
      if (turn.status === 401) res.header('WWW-Authenticate', 'Bearer');
      if (turn.retryAfterSeconds !== undefined) res.header('Retry-After', String(turn.retryAfterSeconds));
      return sendError(res, turn.status, turn.message);
    }
    if (turn.body !== undefined) res.send(turn.status, turn.body);
    else {
      // An empty answer, as botbuilder's own CloudAdapter.process() gives it.
      res.status(turn.status);
      res.end();
    }
  };
}

/** Refused origins named in the log, at most (each once): a stream of made-up origins cannot flood it. */
const MAX_ORIGINS_WARNED = 100;

/** Cross-origin access to the token and Direct Line endpoints, for pages on the allowed origins. */
class CrossOrigin {
  private readonly allowed: string[];

  constructor(config: Config) {
    this.allowed = allowedOriginList(config.allowedOrigins);
  }

  permits(req: IncomingMessage): boolean {
    return isAllowedOrigin(req.headers.origin, this.allowed, publicBaseUrl(req));
  }

  /** Adds CORS headers when the caller is a page on another allowed origin. */
  decorate(req: Request, res: Response): void {
    const origin = req.headers.origin;
    if (!origin || origin === publicBaseUrl(req) || !this.permits(req)) return;
    res.header('Access-Control-Allow-Origin', origin);
    res.header('Access-Control-Allow-Headers', 'Authorization, Content-Type, x-ms-bot-agent');
    res.header('Access-Control-Allow-Methods', 'GET, POST');
    res.header('Access-Control-Max-Age', '600');
    res.header('Vary', 'Origin');
  }

  /**
   * GET /api/widget: may the page asking embed the widget? embed.js asks before it shows anything.
   * A refused site gets no CORS headers (its page cannot even read the answer) and is named in the
   * log once, so that the operator sees which site tried.
   */
  widgetCheck(logger: Logger): Handler {
    const warned = new Set<string>();
    return async (req, res) => {
      res.header('Cache-Control', 'no-store');
      if (this.permits(req)) {
        this.decorate(req, res);
        return res.send(200, { allowed: true });
      }
      const origin = String(req.headers.origin).slice(0, 200);
      if (!warned.has(origin) && warned.size < MAX_ORIGINS_WARNED) {
        warned.add(origin);
        logger.warn('a site not in ALLOWED_ORIGINS tried to embed the chat widget; add it there to allow it', { origin });
      }
      res.send(403, { allowed: false });
    };
  }

  preflight(): Handler {
    return async (req, res) => {
      this.decorate(req, res);
      res.send(this.permits(req) ? 204 : 403);
    };
  }
}

function sendReply(res: Response, reply: DirectLineReply): void {
  res.header('Cache-Control', 'no-store');
  if (reply.retryAfterSeconds !== undefined) res.header('Retry-After', String(reply.retryAfterSeconds));
  if (reply.body === undefined) res.send(reply.status);
  else res.send(reply.status, reply.body);
}

function hasBody(req: IncomingMessage): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}

function queryOf(req: IncomingMessage): URLSearchParams {
  return new URL(req.url ?? '/', 'http://localhost').searchParams;
}

/** Charges a request to the client's and the server's budget for the action; undefined when within both. */
async function overBudget(limits: RateLimits, config: Config, action: LimitedAction | undefined, req: IncomingMessage): Promise<DirectLineReply | undefined> {
  if (!action) return undefined;
  const decision = await limits.take(action, { client: clientAddress(req, config.trustProxyHops) });
  return decision.allowed ? undefined : limitReply(decision);
}

function directLineHandler(route: DirectLineRoute, config: Config, cors: CrossOrigin, limits: RateLimits): Handler {
  return async (req, res) => {
    cors.decorate(req, res);
    const refused = await overBudget(limits, config, route.limit, req);
    if (refused) return sendReply(res, refused);
    let body: unknown;
    if (route.body === 'required' || (route.body === 'optional' && hasBody(req))) {
      const read = await readJsonBody(req, Math.min(config.maxBodyBytes, DIRECT_LINE_MAX_BODY_BYTES));
      if (read.kind === 'rejected') {
        closeIfUnread(res, read);
        return sendReply(res, failure(read.status, read.status === 413 ? 'MessageSizeTooBig' : 'BadArgument', read.message));
      }
      body = read.value;
    }
    const call = { token: bearerToken(req.headers.authorization), baseUrl: publicBaseUrl(req), params: req.params ?? {}, query: queryOf(req), body };
    sendReply(res, await route.handle(call));
  };
}

function tokenRoute(config: Config, logger: Logger, cors: CrossOrigin, local: LocalDirectLine | undefined, limits: RateLimits): Handler {
  return async (req, res) => {
    if (!cors.permits(req)) return sendReply(res, failure(403, 'Forbidden', 'this origin may not embed the chat'));
    cors.decorate(req, res);
    const refused = await overBudget(limits, config, 'tokens', req);
    if (refused) return sendReply(res, refused);
    if (!local) return sendReply(res, await generateAzureToken(config.directLineEndpoint, config.directLineSecret, logger));
    // The page's locale, so that the welcome is in its language (Web Chat sends it only with messages).
    const issued = local.issueToken(localeParameter(req.url));
    const token: ChatToken = { ...issued, domain: `${publicBaseUrl(req)}${DIRECT_LINE_BASE}`, webSocket: config.directLineWebSocket };
    sendReply(res, ok(token));
  };
}

function localeParameter(url: string | undefined): string | undefined {
  const locale = new URL(url ?? '/', 'http://localhost').searchParams.get('locale') ?? undefined;
  return isLocale(locale) ? locale : undefined;
}

/** Direct Line streaming: WebSocket upgrades on the stream URL; anything else is refused. */
function streamUpgrades(local: LocalDirectLine | undefined, cors: CrossOrigin, logger: Logger) {
  return (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    socket.on('error', (error) => logger.debug('stream socket error', { error: error.message }));
    const url = new URL(req.url ?? '/', 'http://localhost');
    const match = STREAM_PATH.exec(url.pathname);
    if (!local || !match?.[1]) return refuseUpgrade(socket, 404, 'Not Found');
    if (!cors.permits(req)) return refuseUpgrade(socket, 403, 'Forbidden');
    local
      .openStream(url.searchParams.get('t') ?? undefined, match[1], url.searchParams.get('watermark') ?? undefined, () => acceptWebSocket(req, socket, head))
      .then(
        (refused) => refused && refuseUpgrade(socket, refused.status, 'Refused'),
        (error: unknown) => {
          logger.error('stream failed', describe(error));
          refuseUpgrade(socket, 500, 'Internal Server Error');
        },
      );
  };
}

function createLocalDirectLine(options: ServerOptions): LocalDirectLine {
  const { adapter, bot, config, logger, directLine = {} } = options;
  return new LocalDirectLine({
    runTurn: (activity) => adapter.runLocalTurn(activity, (context) => bot.run(context)),
    bot: { id: config.auth.appId || 'bot', name: 'Bot', role: 'bot' },
    channelId: directLine.channelId ?? 'directline',
    logger,
    limits: { ...DEFAULT_DIRECT_LINE_LIMITS, ...directLine },
    storage: directLine.storage ?? new MemoryStorage(),
    tokenKey: directLine.tokenKey ?? randomBytes(32),
    retentionSeconds: config.conversationTtlSeconds,
    ...(directLine.sharedSyncMs !== undefined ? { sharedSyncMs: directLine.sharedSyncMs } : {}),
  });
}

/** The bound port, a URL to reach it, and the address really listened on (e.g. "0.0.0.0:3978", "[::1]:3978"). */
function baseUrl(address: ReturnType<restify.Server['address']>): { port: number; url: string; address: string } {
  const wildcard = address.address === '::' || address.address === '0.0.0.0';
  const bracketed = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return { port: address.port, url: `http://${wildcard ? 'localhost' : bracketed}:${address.port}`, address: `${bracketed}:${address.port}` };
}

/** Builds the HTTP server (routes only; call start() to listen). */
export function createServer(options: ServerOptions): BotServer {
  const { config, logger } = options;
  const server = restify.createServer({ name: 'faq-assistant', handleUncaughtExceptions: false });
  const drain = new RequestDrain(server.server);
  logRequests(server, logger, drain);
  const cors = new CrossOrigin(config);
  // With a Direct Line secret, Azure carries the chat; otherwise this server does.
  const local = config.directLineSecret ? undefined : createLocalDirectLine(options);
  const limits = new RateLimits(config.rateLimits);

  server.post('/api/messages', guarded(logger, messagesRoute(options, limits)));
  const health = guarded(logger, async (_req, res) => res.send(200, options.health()));
  // HEAD answers like GET without the body (Node leaves the body out), for monitors and link checkers.
  server.get('/healthz', health);
  server.head('/healthz', health);

  server.get('/api/widget', guarded(logger, cors.widgetCheck(logger)));
  server.post('/api/directline/token', guarded(logger, tokenRoute(config, logger, cors, local, limits)));
  server.opts('/api/directline/token', guarded(logger, cors.preflight()));
  if (local) {
    for (const route of localDirectLineRoutes(local)) server[route.method](route.path, guarded(logger, directLineHandler(route, config, cors, limits)));
    server.opts(`${DIRECT_LINE_BASE}/*`, guarded(logger, cors.preflight()));
    server.server.on('upgrade', streamUpgrades(local, cors, logger));
    local.start();
  }

  const pages = createWebPages(config, options.publicDir);
  for (const path of pages.paths()) {
    const page = guarded(logger, (req, res) => pages.send(path, req, res));
    server.get(path, page);
    server.head(path, page);
  }

  const close = async (): Promise<void> => {
    await new Promise<void>((resolve) => {
      local?.close();
      // Keep-alive connections would otherwise hold close() open, or, after a drain (which stops
      // only the listener), go on being answered 503 by a server that is gone.
      server.server.closeAllConnections();
      if (!server.server.listening) return resolve();
      server.close(() => resolve());
      server.server.closeAllConnections();
    });
    // Replies already promised to channels still go out (each within its time budget).
    await options.adapter.deliveriesSettled();
  };

  return {
    restify: server,
    start: (port, host) =>
      new Promise((resolve, reject) => {
        server.server.once('error', reject);
        const onListening = (): void => {
          server.server.off('error', reject);
          resolve(baseUrl(server.address()));
        };
        if (host === undefined) server.listen(port, onListening);
        else server.listen(port, host, onListening);
      }),
    close,
    async shutdown(graceMs) {
      const unfinished = await drain.drain(graceMs);
      await close();
      return unfinished;
    },
  };
}

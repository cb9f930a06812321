import type { Activity, ChannelAccount, Storage } from 'botbuilder';
import type { Logger } from '../log.js';
import { ConversationRecords } from './conversationRecords.js';
import { clientActivityId, Conversation, ConversationStore } from './conversations.js';
import { newConversationId, newUserId } from './ids.js';
import { failure, isLocale, ok, parseWatermark, type DirectLineReply } from './protocol.js';
import { REFRESH_OVERLAP_MS, TokenSigner, type TokenClaims } from './signedTokens.js';
import type { PushSocket } from './webSocket.js';

export interface DirectLineLimits {
  readonly tokenLifetimeSeconds: number;
  /** A conversation nobody has polled, streamed or posted to for this long leaves memory (it stays in storage). */
  readonly idleSeconds: number;
  /** Conversations held in memory at once. */
  readonly maxConversations: number;
  readonly maxActivitiesPerConversation: number;
  /** Turns waiting for the bot in one conversation before further posts get 429. */
  readonly maxQueuedTurns: number;
  readonly maxStreamsPerConversation: number;
}

export const DEFAULT_DIRECT_LINE_LIMITS: DirectLineLimits = {
  tokenLifetimeSeconds: 1800,
  idleSeconds: 1800,
  maxConversations: 2000,
  maxActivitiesPerConversation: 200,
  maxQueuedTurns: 5,
  maxStreamsPerConversation: 3,
};

export interface LocalDirectLineOptions {
  /** Runs one activity through the bot and returns its replies (expectReplies). */
  readonly runTurn: (activity: Partial<Activity>) => Promise<Partial<Activity>[]>;
  readonly bot: ChannelAccount;
  readonly channelId: string;
  readonly logger: Logger;
  readonly limits: DirectLineLimits;
  /** Where conversations are kept: the bot's state storage. */
  readonly storage: Storage;
  /** Signs the tokens; every instance sharing the storage must have the same key. */
  readonly tokenKey: Buffer;
  /** Stored conversations unchanged for this long are deleted. */
  readonly retentionSeconds: number;
  /**
   * Other instances share the storage: every request reads the conversation again, and streams
   * are sent what other instances added, checked this often (ms).
   */
  readonly sharedSyncMs?: number;
  readonly now?: () => number;
}

export interface IssuedToken {
  readonly token: string;
  readonly conversationId: string;
  readonly userId: string;
  readonly expires_in: number;
}

/** When a visitor turned away because all conversations are in use should try again. */
const FULL_RETRY_SECONDS = 30;

/** Who is calling: the bearer token they presented and the server's public base URL. */
export interface Caller {
  readonly token: string | undefined;
  readonly baseUrl: string;
}

/** Fields a visitor may set on an activity; everything else (from, recipient, ids...) is the server's. */
const CLIENT_FIELDS = ['type', 'text', 'textFormat', 'value', 'name', 'channelData', 'locale', 'localTimestamp', 'localTimezone', 'attachments', 'entities', 'replyToId'] as const;
const POSTABLE_TYPES = new Set(['message', 'event', 'typing']);

function clientFields(body: Record<string, unknown>): Partial<Activity> {
  const picked: Record<string, unknown> = {};
  for (const field of CLIENT_FIELDS) if (body[field] !== undefined) picked[field] = body[field];
  return picked as Partial<Activity>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A caller's token checked against its conversation's record. */
interface Access {
  readonly claims: TokenClaims;
  readonly token: string;
  readonly conversation: Conversation;
  /** A token replaced by a refresh, in its last seconds: it works but cannot be refreshed. */
  readonly superseded: boolean;
}

/**
 * The part of the Direct Line 3.0 protocol that Web Chat uses, served by the bot itself so the
 * chat works without an Azure Bot Service resource. Tokens are signed and bound to exactly one
 * conversation; conversations (transcripts, watermarks, the state of their tokens) are kept in the
 * bot's state storage, so a restart, or another instance on the same storage, carries them on.
 */
export class LocalDirectLine {
  private readonly signer: TokenSigner;
  private readonly conversations: ConversationStore;
  private readonly streams = new Map<string, Set<PushSocket>>();
  private readonly now: () => number;
  private sweeper: NodeJS.Timeout | undefined;
  private syncer: NodeJS.Timeout | undefined;

  constructor(private readonly options: LocalDirectLineOptions) {
    this.now = options.now ?? Date.now;
    const { limits } = options;
    this.signer = new TokenSigner(options.tokenKey, limits.tokenLifetimeSeconds * 1000, this.now);
    const records = new ConversationRecords(options.storage, options.retentionSeconds * 1000, this.now);
    this.conversations = new ConversationStore(
      { maxConversations: limits.maxConversations, maxActivitiesPerConversation: limits.maxActivitiesPerConversation, idleMs: limits.idleSeconds * 1000 },
      records,
      options.sharedSyncMs !== undefined,
      (conversation) => this.forget(conversation),
      this.now,
    );
  }

  /** Starts the idle sweep (and, with shared storage, the stream sync); the timers never keep the process alive. */
  start(): void {
    if (this.sweeper) return;
    const everyMs = Math.min(60_000, (this.options.limits.idleSeconds * 1000) / 2);
    this.sweeper = setInterval(() => this.sweep(), everyMs);
    this.sweeper.unref();
    if (this.options.sharedSyncMs !== undefined) {
      this.syncer = setInterval(() => void this.syncStreams(), this.options.sharedSyncMs);
      this.syncer.unref();
    }
  }

  close(): void {
    clearInterval(this.sweeper);
    clearInterval(this.syncer);
    this.sweeper = undefined;
    this.syncer = undefined;
    this.conversations.removeAll();
  }

  sweep(): void {
    this.conversations.sweep();
  }

  /** Sends streams what other instances added to their conversations. */
  async syncStreams(): Promise<void> {
    await Promise.all(
      this.conversations.streamed().map((conversation) =>
        conversation.reload().catch((error: unknown) => this.options.logger.warn('direct line sync failed', { conversationId: conversation.id, error: message(error) })),
      ),
    );
  }

  /** Conversations held in memory. */
  get conversationCount(): number {
    return this.conversations.size;
  }

  /**
   * A token for a new visitor (POST /api/directline/token). Nothing is stored until the visitor
   * uses it, so a flood of token requests costs neither memory nor storage.
   */
  issueToken(locale?: string): IssuedToken {
    const { token, claims } = this.signer.issue(newConversationId(), newUserId(), 0, locale);
    return { token, conversationId: claims.conversationId, userId: claims.userId, expires_in: this.signer.lifetimeSeconds };
  }

  /** POST /conversations: starts the token's conversation (the bot welcomes the visitor) or returns it again. */
  async startConversation(caller: Caller, body: unknown): Promise<DirectLineReply> {
    const access = await this.authorize(caller.token);
    if ('status' in access) return access;
    const { conversation } = access;
    const locale = (isRecord(body) ? body.locale : undefined) ?? (conversation.record.locale ? undefined : access.claims.locale);
    const isNew = !conversation.record.started;
    if (isLocale(locale) && locale !== conversation.record.locale) await conversation.change((record) => ({ ...record, locale }));
    await this.ensureStarted(conversation, caller.baseUrl);
    return ok(this.conversationInfo(access, caller, undefined), isNew ? 201 : 200);
  }

  /** GET /conversations/:id?watermark= — how Web Chat reconnects (a fresh stream URL). */
  async resumeConversation(caller: Caller, conversationId: string, watermark: string | undefined): Promise<DirectLineReply> {
    const access = await this.authorize(caller.token, conversationId);
    if ('status' in access) return access;
    const from = parseWatermark(watermark);
    if (from === undefined) return failure(400, 'BadArgument', 'watermark must be a number');
    return ok(this.conversationInfo(access, caller, from));
  }

  /** GET /conversations/:id/activities?watermark= — polling. */
  async getActivities(caller: Caller, conversationId: string, watermark: string | undefined): Promise<DirectLineReply> {
    const access = await this.authorize(caller.token, conversationId);
    if ('status' in access) return access;
    const from = parseWatermark(watermark);
    if (from === undefined) return failure(400, 'BadArgument', 'watermark must be a number');
    return ok(access.conversation.since(from));
  }

  /**
   * POST /conversations/:id/activities — the visitor says something; answers once the bot has
   * replied. An activity sent again (same client activity id, e.g. a retry after a restart) is
   * not answered a second time.
   */
  async postActivity(caller: Caller, conversationId: string, body: unknown): Promise<DirectLineReply> {
    const access = await this.authorize(caller.token, conversationId);
    if ('status' in access) return access;
    const { conversation } = access;
    if (!isRecord(body)) return failure(400, 'BadArgument', 'the body must be an activity object');
    if (typeof body.type !== 'string' || !POSTABLE_TYPES.has(body.type)) {
      return failure(400, 'BadArgument', 'activity type must be message, event or typing');
    }
    if (body.text !== undefined && typeof body.text !== 'string') return failure(400, 'BadArgument', 'activity text must be a string');
    if (body.type === 'typing') return ok({ id: `${conversation.id}|typing` });
    if (conversation.pendingTurns >= this.options.limits.maxQueuedTurns) {
      return failure(429, 'TooManyRequests', 'the bot is still answering earlier messages', 1);
    }
    const reservation = conversation.reserveTurn();
    try {
      await this.ensureStarted(conversation, caller.baseUrl);
      const fields = clientFields(body);
      const { stored, duplicate } = await conversation.append([this.fromVisitor(conversation, fields, caller.baseUrl)], new Date(this.now()), clientActivityId(fields));
      const echo = stored[0]!;
      if (duplicate) reservation();
      else await conversation.enqueue(() => this.runTurn(conversation, echo), reservation);
      return ok({ id: echo.id });
    } catch (error) {
      reservation();
      this.options.logger.error('direct line turn failed', { conversationId: conversation.id, error: message(error) });
      return failure(502, 'BotError', 'the bot could not process the activity');
    }
  }

  /** POST /tokens/refresh — a new token for the same conversation; the one presented is revoked after a short overlap. */
  async refreshToken(caller: Caller): Promise<DirectLineReply> {
    const access = await this.authorize(caller.token);
    if ('status' in access) return access.status === 401 ? access : failure(403, 'TokenExpired', 'the token is invalid or has expired');
    if (access.superseded) return failure(403, 'TokenExpired', 'the token has been refreshed already');
    const { claims, conversation } = access;
    const until = Math.min(claims.expiresAt, this.now() + REFRESH_OVERLAP_MS);
    let refreshed = false; // a concurrent refresh with the same token may win: only one of them gets a new one
    const record = await conversation.change((current) => {
      refreshed = current.tokenGeneration === claims.generation;
      return refreshed ? { ...current, tokenGeneration: current.tokenGeneration + 1, previousTokenUntil: until } : undefined;
    });
    if (!refreshed) return failure(403, 'TokenExpired', 'the token has been refreshed already');
    const { token } = this.signer.issue(conversation.id, claims.userId, record.tokenGeneration, claims.locale);
    return ok({ conversationId: conversation.id, token, expires_in: this.signer.lifetimeSeconds });
  }

  /**
   * The WebSocket stream of a conversation. Authorisation happens before the handshake;
   * `accept` completes it. Returns an error reply when the stream is refused.
   */
  async openStream(token: string | undefined, conversationId: string, watermark: string | undefined, accept: () => PushSocket | undefined): Promise<DirectLineReply | undefined> {
    const access = await this.authorize(token, conversationId);
    if ('status' in access) return access;
    const from = parseWatermark(watermark);
    if (from === undefined) return failure(400, 'BadArgument', 'watermark must be a number');
    const sockets = this.streams.get(conversationId) ?? new Set<PushSocket>();
    if (sockets.size >= this.options.limits.maxStreamsPerConversation) return failure(429, 'TooManyRequests', 'too many streams for this conversation');
    const socket = accept();
    if (!socket) return undefined;
    const { conversation } = access;
    sockets.add(socket);
    this.streams.set(conversationId, sockets);
    const backlog = conversation.since(from);
    if (backlog.activities.length > 0) socket.send(JSON.stringify(backlog));
    const unsubscribe = conversation.subscribe((set) => socket.send(JSON.stringify(set)));
    socket.onActivity(() => this.conversations.touch(conversation));
    socket.onClose(() => {
      unsubscribe();
      sockets.delete(socket);
      if (sockets.size === 0 && this.streams.get(conversationId) === sockets) this.streams.delete(conversationId);
    });
    return undefined;
  }

  private async authorize(token: string | undefined, conversationId?: string): Promise<Access | DirectLineReply> {
    if (!token) return failure(401, 'Unauthorized', 'a Direct Line token is required');
    const claims = this.signer.read(token);
    if (!claims) return failure(403, 'TokenExpired', 'the token is invalid or has expired');
    // A token opens exactly one conversation: asking for another one is refused, whether it exists or not.
    if (conversationId !== undefined && conversationId !== claims.conversationId) {
      return failure(403, 'Forbidden', 'the token is not valid for this conversation');
    }
    // A first-generation token may open its conversation before anything is stored; a refreshed one may not.
    const conversation = await this.conversations.open(claims.conversationId, claims.userId, claims.generation === 0);
    if (conversation === 'ended') return failure(404, 'NotFound', 'the conversation has ended');
    if (conversation === 'full') return failure(503, 'ServiceUnavailable', 'too many conversations are open; try again shortly', FULL_RETRY_SECONDS);
    const { record } = conversation;
    if (record.userId !== claims.userId) return failure(403, 'Forbidden', 'the token is not valid for this conversation');
    const current = claims.generation === record.tokenGeneration;
    const overlapping = claims.generation === record.tokenGeneration - 1 && this.now() < record.previousTokenUntil;
    if (!current && !overlapping) return failure(403, 'TokenExpired', 'the token is invalid or has expired');
    return { claims, token, conversation, superseded: !current };
  }

  private conversationInfo(access: Access, caller: Caller, watermark: number | undefined): Record<string, unknown> {
    const wsBase = caller.baseUrl.replace(/^http/, 'ws');
    const query = new URLSearchParams({ t: access.token });
    if (watermark !== undefined) query.set('watermark', String(watermark));
    return {
      conversationId: access.conversation.id,
      token: access.token,
      expires_in: Math.max(0, Math.round((access.claims.expiresAt - this.now()) / 1000)),
      streamUrl: `${wsBase}/v3/directline/conversations/${encodeURIComponent(access.conversation.id)}/stream?${query}`,
    };
  }

  /** The first time a conversation is used, the bot learns the visitor joined (and usually greets). */
  private async ensureStarted(conversation: Conversation, baseUrl: string): Promise<void> {
    if (conversation.record.started) return;
    let starting = false; // this request, not a concurrent one (here or on another instance), starts it
    await conversation.change((current) => {
      starting = !current.started;
      return starting ? { ...current, started: true } : undefined;
    });
    if (!starting) return;
    const joined: Partial<Activity> = {
      ...this.addressing(conversation, baseUrl),
      type: 'conversationUpdate',
      id: `${conversation.id}|start`,
      timestamp: new Date(this.now()),
      from: { id: conversation.userId, name: '', role: 'user' },
      membersAdded: [this.options.bot, { id: conversation.userId, name: '' }],
    };
    conversation.enqueue(() => this.runTurn(conversation, joined)).catch((error: unknown) => {
      this.options.logger.error('direct line welcome failed', { conversationId: conversation.id, error: message(error) });
    });
  }

  private fromVisitor(conversation: Conversation, fields: Partial<Activity>, baseUrl: string): Partial<Activity> {
    return {
      ...fields,
      ...this.addressing(conversation, baseUrl),
      locale: isLocale(fields.locale) ? fields.locale : conversation.record.locale,
      from: { id: conversation.userId, name: '', role: 'user' },
    };
  }

  private addressing(conversation: Conversation, baseUrl: string): Partial<Activity> {
    const { locale } = conversation.record;
    return {
      channelId: this.options.channelId,
      serviceUrl: baseUrl,
      conversation: { id: conversation.id, isGroup: false, conversationType: 'personal', name: '' },
      recipient: this.options.bot,
      ...(locale ? { locale } : {}),
    };
  }

  /** Runs the bot and stores its visible replies, as Direct Line would deliver them. */
  private async runTurn(conversation: Conversation, activity: Partial<Activity>): Promise<void> {
    const replies = (await this.options.runTurn(activity)).filter((reply) => reply.type !== 'trace'); // traces are Emulator-only diagnostics
    if (replies.length === 0) return;
    await conversation.append(
      replies.map((reply) => ({
        ...reply,
        channelId: this.options.channelId,
        conversation: { id: conversation.id, isGroup: false, conversationType: 'personal', name: '' },
        from: { ...this.options.bot, ...reply.from, role: 'bot' },
        recipient: { id: conversation.userId, name: '', role: 'user' },
        replyToId: reply.replyToId ?? activity.id,
      })),
      new Date(this.now()),
    );
  }

  private forget(conversation: Conversation): void {
    for (const socket of this.streams.get(conversation.id) ?? []) socket.close(1001);
    this.streams.delete(conversation.id);
  }
}

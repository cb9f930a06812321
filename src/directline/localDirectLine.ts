import type { Activity, ChannelAccount } from 'botbuilder';
import type { Logger } from '../log.js';
import { Conversation, ConversationStore } from './conversations.js';
import { newConversationId, newUserId } from './ids.js';
import { failure, isLocale, ok, parseWatermark, type DirectLineReply } from './protocol.js';
import { TokenRegistry, type TokenGrant } from './tokens.js';
import type { PushSocket } from './webSocket.js';

export interface DirectLineLimits {
  readonly tokenLifetimeSeconds: number;
  /** A conversation nobody has polled, streamed or posted to for this long is deleted. */
  readonly idleSeconds: number;
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

/**
 * The part of the Direct Line 3.0 protocol that Web Chat uses, served by the bot itself so the
 * chat works without an Azure Bot Service resource. Every call is checked against the caller's
 * token, which is bound to exactly one conversation.
 */
export class LocalDirectLine {
  private readonly tokens: TokenRegistry;
  private readonly conversations: ConversationStore;
  private readonly streams = new Map<string, Set<PushSocket>>();
  private readonly now: () => number;
  private sweeper: NodeJS.Timeout | undefined;

  constructor(private readonly options: LocalDirectLineOptions) {
    this.now = options.now ?? Date.now;
    const { limits } = options;
    this.tokens = new TokenRegistry(limits.tokenLifetimeSeconds * 1000, this.now);
    this.conversations = new ConversationStore(
      { maxConversations: limits.maxConversations, maxActivitiesPerConversation: limits.maxActivitiesPerConversation, idleMs: limits.idleSeconds * 1000 },
      (conversation) => this.forget(conversation),
      this.now,
    );
  }

  /** Starts the idle sweep; the timer never keeps the process alive. */
  start(): void {
    if (this.sweeper) return;
    const everyMs = Math.min(60_000, (this.options.limits.idleSeconds * 1000) / 2);
    this.sweeper = setInterval(() => this.sweep(), everyMs);
    this.sweeper.unref();
  }

  close(): void {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = undefined;
    this.conversations.removeAll();
  }

  sweep(): void {
    this.conversations.sweep();
    this.tokens.sweep();
  }

  get conversationCount(): number {
    return this.conversations.size;
  }

  /**
   * Reserves a conversation for a new visitor and returns its token (POST /api/directline/token),
   * or a 503 when every conversation is in use: visitors already talking are never pushed out.
   */
  issueToken(locale?: string): IssuedToken | DirectLineReply {
    const conversation = this.conversations.create(newConversationId(), newUserId());
    if (!conversation) return failure(503, 'ServiceUnavailable', 'too many conversations are open; try again shortly', FULL_RETRY_SECONDS);
    if (locale) conversation.locale = locale;
    const grant = this.tokens.issue(conversation.id, conversation.userId);
    return { token: grant.token, conversationId: grant.conversationId, userId: grant.userId, expires_in: this.tokens.lifetimeSeconds };
  }

  /** POST /conversations: starts the token's conversation (the bot welcomes the visitor) or returns it again. */
  startConversation(caller: Caller, body: unknown): DirectLineReply {
    const access = this.authorize(caller.token);
    if ('status' in access) return access;
    const { conversation, grant } = access;
    const locale = isRecord(body) ? body.locale : undefined;
    if (isLocale(locale)) conversation.locale = locale;
    const isNew = !conversation.started;
    this.ensureStarted(conversation, caller.baseUrl);
    return ok(this.conversationInfo(conversation, grant, caller, undefined), isNew ? 201 : 200);
  }

  /** GET /conversations/:id?watermark= — how Web Chat reconnects (a fresh stream URL). */
  resumeConversation(caller: Caller, conversationId: string, watermark: string | undefined): DirectLineReply {
    const access = this.authorize(caller.token, conversationId);
    if ('status' in access) return access;
    const from = parseWatermark(watermark);
    if (from === undefined) return failure(400, 'BadArgument', 'watermark must be a number');
    return ok(this.conversationInfo(access.conversation, access.grant, caller, from));
  }

  /** GET /conversations/:id/activities?watermark= — polling. */
  getActivities(caller: Caller, conversationId: string, watermark: string | undefined): DirectLineReply {
    const access = this.authorize(caller.token, conversationId);
    if ('status' in access) return access;
    const from = parseWatermark(watermark);
    if (from === undefined) return failure(400, 'BadArgument', 'watermark must be a number');
    return ok(access.conversation.since(from));
  }

  /** POST /conversations/:id/activities — the visitor says something; answers once the bot has replied. */
  async postActivity(caller: Caller, conversationId: string, body: unknown): Promise<DirectLineReply> {
    const access = this.authorize(caller.token, conversationId);
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
    this.ensureStarted(conversation, caller.baseUrl);
    const echo = conversation.append(this.fromVisitor(conversation, clientFields(body), caller.baseUrl), new Date(this.now()));
    try {
      await conversation.enqueue(() => this.runTurn(conversation, echo));
      return ok({ id: echo.id });
    } catch (error) {
      this.options.logger.error('direct line turn failed', { conversationId: conversation.id, error: error instanceof Error ? error.message : String(error) });
      return failure(502, 'BotError', 'the bot could not process the activity');
    }
  }

  /** POST /tokens/refresh — a new token for the same conversation. */
  refreshToken(caller: Caller): DirectLineReply {
    const grant = this.tokens.refresh(caller.token);
    if (!grant) return failure(403, 'TokenExpired', 'the token is invalid or has expired');
    const conversation = this.conversations.get(grant.conversationId);
    if (conversation) this.conversations.touch(conversation);
    return ok({ conversationId: grant.conversationId, token: grant.token, expires_in: this.tokens.lifetimeSeconds });
  }

  /**
   * The WebSocket stream of a conversation. Authorisation happens before the handshake;
   * `accept` completes it. Returns an error reply when the stream is refused.
   */
  openStream(token: string | undefined, conversationId: string, watermark: string | undefined, accept: () => PushSocket | undefined): DirectLineReply | undefined {
    const access = this.authorize(token, conversationId);
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
    socket.onActivity(() => this.conversations.get(conversationId) && this.conversations.touch(conversation));
    socket.onClose(() => {
      unsubscribe();
      sockets.delete(socket);
      if (sockets.size === 0 && this.streams.get(conversationId) === sockets) this.streams.delete(conversationId);
    });
    return undefined;
  }

  private authorize(token: string | undefined, conversationId?: string): { grant: TokenGrant; conversation: Conversation } | DirectLineReply {
    if (!token) return failure(401, 'Unauthorized', 'a Direct Line token is required');
    const grant = this.tokens.verify(token);
    if (!grant) return failure(403, 'TokenExpired', 'the token is invalid or has expired');
    // A token opens exactly one conversation: asking for another one is refused, whether it exists or not.
    if (conversationId !== undefined && conversationId !== grant.conversationId) {
      return failure(403, 'Forbidden', 'the token is not valid for this conversation');
    }
    const conversation = this.conversations.get(grant.conversationId);
    if (!conversation) return failure(404, 'NotFound', 'the conversation has ended');
    this.conversations.touch(conversation);
    return { grant, conversation };
  }

  private conversationInfo(conversation: Conversation, grant: TokenGrant, caller: Caller, watermark: number | undefined): Record<string, unknown> {
    const wsBase = caller.baseUrl.replace(/^http/, 'ws');
    const query = new URLSearchParams({ t: grant.token });
    if (watermark !== undefined) query.set('watermark', String(watermark));
    return {
      conversationId: conversation.id,
      token: grant.token,
      expires_in: Math.max(0, Math.round((grant.expiresAt - this.now()) / 1000)),
      streamUrl: `${wsBase}/v3/directline/conversations/${encodeURIComponent(conversation.id)}/stream?${query}`,
    };
  }

  /** The first time a conversation is used, the bot learns the visitor joined (and usually greets). */
  private ensureStarted(conversation: Conversation, baseUrl: string): void {
    if (conversation.started) return;
    conversation.started = true;
    const joined: Partial<Activity> = {
      ...this.addressing(conversation, baseUrl),
      type: 'conversationUpdate',
      id: `${conversation.id}|start`,
      timestamp: new Date(this.now()),
      from: { id: conversation.userId, name: '', role: 'user' },
      membersAdded: [this.options.bot, { id: conversation.userId, name: '' }],
    };
    conversation.enqueue(() => this.runTurn(conversation, joined)).catch((error: unknown) => {
      this.options.logger.error('direct line welcome failed', { conversationId: conversation.id, error: error instanceof Error ? error.message : String(error) });
    });
  }

  private fromVisitor(conversation: Conversation, fields: Partial<Activity>, baseUrl: string): Partial<Activity> {
    return {
      ...fields,
      ...this.addressing(conversation, baseUrl),
      locale: isLocale(fields.locale) ? fields.locale : conversation.locale,
      from: { id: conversation.userId, name: '', role: 'user' },
    };
  }

  private addressing(conversation: Conversation, baseUrl: string): Partial<Activity> {
    return {
      channelId: this.options.channelId,
      serviceUrl: baseUrl,
      conversation: { id: conversation.id, isGroup: false, conversationType: 'personal', name: '' },
      recipient: this.options.bot,
      ...(conversation.locale ? { locale: conversation.locale } : {}),
    };
  }

  /** Runs the bot and appends its visible replies, as Direct Line would deliver them. */
  private async runTurn(conversation: Conversation, activity: Partial<Activity>): Promise<void> {
    const replies = await this.options.runTurn(activity);
    if (this.conversations.get(conversation.id) !== conversation) return; // deleted meanwhile
    for (const reply of replies) {
      if (reply.type === 'trace') continue; // Emulator-only diagnostics
      conversation.append(
        {
          ...reply,
          channelId: this.options.channelId,
          conversation: { id: conversation.id, isGroup: false, conversationType: 'personal', name: '' },
          from: { ...this.options.bot, ...reply.from, role: 'bot' },
          recipient: { id: conversation.userId, name: '', role: 'user' },
          replyToId: reply.replyToId ?? activity.id,
        },
        new Date(this.now()),
      );
    }
  }

  private forget(conversation: Conversation): void {
    this.tokens.revokeConversation(conversation.id);
    for (const socket of this.streams.get(conversation.id) ?? []) socket.close(1001);
    this.streams.delete(conversation.id);
  }
}

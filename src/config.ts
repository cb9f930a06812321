import path from 'node:path';
import { decodeKey } from './directline/tokenKey.js';
import { serviceUrlRule } from './http/serviceUrls.js';

/** Everything the bot reads from its environment, typed and validated once at start-up. */
export interface Config {
  readonly port: number;
  /** The address to listen on; empty: every interface. */
  readonly host: string;
  /** Bot Framework authentication; off when appId is empty (Emulator, local Web Chat, tests). */
  readonly auth: {
    readonly appId: string;
    readonly appPassword: string;
    readonly appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
    readonly tenantId: string;
  };
  /** Folder holding the knowledge base (sources, entities, facts, intents). */
  readonly knowledgeDir: string;
  /** Folder for the built fact store and model (defaults to <knowledgeDir>/build). */
  readonly buildDir: string;
  /** Folder for runtime state: conversations, unanswered questions. */
  readonly dataDir: string;
  /** Azure Direct Line secret; when empty the server speaks Direct Line itself. */
  readonly directLineSecret: string;
  readonly directLineEndpoint: string;
  /**
   * Built-in Direct Line: the key its tokens are signed with (base64 or hex, at least 32 bytes).
   * Empty: a key generated on first start and kept in DATA_DIR. Instances sharing storage need the same.
   */
  readonly directLineTokenKey: string;
  /** Built-in Direct Line: Web Chat streams over a WebSocket (true) or polls (false). */
  readonly directLineWebSocket: boolean;
  /** Origins allowed to embed the chat widget; empty means any. */
  readonly allowedOrigins: readonly string[];
  /**
   * With authentication off: the serviceUrls (origins or URL prefixes, port may be `*`) replies may
   * be posted to. Empty: none, only expectReplies and the built-in Direct Line get answers.
   */
  readonly allowedServiceUrls: readonly string[];
  /** Where conversation and user state live: one lowdb file, or Azure Blob Storage for several instances. */
  readonly storage: {
    readonly kind: 'files' | 'lowdb' | 'blobs';
    /** files: most recently used items kept in memory (the rest are read from disk when needed). */
    readonly cacheItems: number;
    readonly blobConnectionString: string;
    readonly blobContainer: string;
  };
  /** Idle conversations older than this are dropped from state storage. */
  readonly conversationTtlSeconds: number;
  /** lowdb state: changes are written at most this long after they happen (0: every turn waits for the disk). */
  readonly stateFlushMs: number;
  /** Largest accepted request body, in bytes. */
  readonly maxBodyBytes: number;
  /** Longest conversation, user or channel id accepted on /api/messages (they become storage keys). */
  readonly maxIdLength: number;
  /** Requests allowed per minute (0: no limit), per client address, per conversation and in total. */
  readonly rateLimits: RateLimitConfig;
  /** Proxies in front of the server: the client address is this many entries from the end of X-Forwarded-For (0: the socket's). */
  readonly trustProxyHops: number;
  /** On SIGTERM, how long in-flight requests may take to finish before their connections are closed. */
  readonly shutdownGraceMs: number;
  readonly logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
}

/** A per-minute budget; 0 turns that limit off. */
export interface RateLimit {
  readonly perClient: number;
  readonly total: number;
}

export interface RateLimitConfig {
  /** Direct Line tokens issued or refreshed (each new token reserves a conversation). */
  readonly tokens: RateLimit;
  /** Conversations started on the built-in Direct Line. */
  readonly conversations: RateLimit;
  /** Messages posted, on the built-in Direct Line (per client) and on /api/messages (per conversation). */
  readonly messages: RateLimit & { readonly perConversation: number };
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

const APP_TYPES = ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'] as const;
const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
const STORAGE_KINDS = ['files', 'lowdb', 'blobs'] as const;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer between ${min} and ${max}, got "${raw}"`);
  }
  return value;
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const match = allowed.find((value) => value.toLowerCase() === raw.toLowerCase());
  if (!match) throw new ConfigError(`${name} must be one of ${allowed.join(', ')}, got "${raw}"`);
  return match;
}

function flag(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (!raw) return fallback;
  if (['true', '1', 'yes', 'on'].includes(raw)) return true;
  if (['false', '0', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(`${name} must be true or false, got "${env[name]}"`);
}

function list(env: Env, name: string): string[] {
  return (env[name] ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
}

function serviceUrlList(env: Env, name: string): string[] {
  const entries = list(env, name);
  const bad = entries.find((entry) => serviceUrlRule(entry) === undefined);
  if (bad !== undefined) throw new ConfigError(`${name} entries must be http(s) origins or URL prefixes (port may be *), got "${bad}"`);
  return entries;
}

const PER_MINUTE_MAX = 10_000_000;

function rateLimits(env: Env): RateLimitConfig {
  const perMinute = (name: string, fallback: number) => integer(env, name, fallback, 0, PER_MINUTE_MAX);
  return {
    tokens: { perClient: perMinute('RATE_TOKENS_PER_CLIENT', 20), total: perMinute('RATE_TOKENS_TOTAL', 600) },
    conversations: { perClient: perMinute('RATE_CONVERSATIONS_PER_CLIENT', 20), total: perMinute('RATE_CONVERSATIONS_TOTAL', 600) },
    messages: {
      perClient: perMinute('RATE_MESSAGES_PER_CLIENT', 120),
      perConversation: perMinute('RATE_MESSAGES_PER_CONVERSATION', 60),
      total: perMinute('RATE_MESSAGES_TOTAL', 60_000),
    },
  };
}

function tokenKey(env: Env): string {
  const raw = env.DIRECT_LINE_TOKEN_KEY?.trim() ?? '';
  if (!raw) return '';
  try {
    decodeKey(raw);
  } catch (error) {
    throw new ConfigError(`DIRECT_LINE_TOKEN_KEY: ${(error as Error).message}, e.g. the output of: openssl rand -base64 32`);
  }
  return raw;
}

/** Builds the configuration from an environment (process.env in production, a literal in tests). */
export function loadConfig(env: Env = process.env, root: string = process.cwd()): Config {
  const knowledgeDir = path.resolve(root, env.KNOWLEDGE_DIR?.trim() || 'knowledge');
  const auth = {
    appId: env.MicrosoftAppId?.trim() ?? '',
    appPassword: env.MicrosoftAppPassword?.trim() ?? '',
    appType: oneOf(env, 'MicrosoftAppType', APP_TYPES, 'MultiTenant'),
    tenantId: env.MicrosoftAppTenantId?.trim() ?? '',
  };
  if (auth.appId && auth.appType !== 'UserAssignedMSI' && !auth.appPassword) {
    throw new ConfigError('MicrosoftAppPassword is required when MicrosoftAppId is set');
  }
  if (auth.appId && auth.appType !== 'MultiTenant' && !auth.tenantId) {
    throw new ConfigError(`MicrosoftAppTenantId is required when MicrosoftAppType is ${auth.appType}`);
  }
  return {
    port: integer(env, 'PORT', 3978, 0, 65535),
    host: env.HOST?.trim() ?? '',
    auth,
    knowledgeDir,
    buildDir: path.resolve(root, env.KNOWLEDGE_BUILD_DIR?.trim() || path.join(knowledgeDir, 'build')),
    dataDir: path.resolve(root, env.DATA_DIR?.trim() || 'data'),
    directLineSecret: env.DIRECT_LINE_SECRET?.trim() ?? '',
    directLineEndpoint: env.DIRECT_LINE_ENDPOINT?.trim() || 'https://directline.botframework.com/v3/directline',
    directLineTokenKey: tokenKey(env),
    directLineWebSocket: flag(env, 'DIRECT_LINE_WEBSOCKET', true),
    allowedOrigins: list(env, 'ALLOWED_ORIGINS'),
    allowedServiceUrls: serviceUrlList(env, 'ALLOWED_SERVICE_URLS'),
    storage: {
      kind: oneOf(env, 'STORAGE', STORAGE_KINDS, 'files'),
      cacheItems: integer(env, 'STATE_CACHE_ITEMS', 5000, 100, 10_000_000),
      blobConnectionString: env.BLOB_CONNECTION_STRING?.trim() ?? '',
      blobContainer: env.BLOB_CONTAINER?.trim() || 'bot-state',
    },
    conversationTtlSeconds: integer(env, 'CONVERSATION_TTL_SECONDS', 7 * 24 * 3600, 60, 365 * 24 * 3600),
    stateFlushMs: integer(env, 'STATE_FLUSH_MS', 250, 0, 60_000),
    maxBodyBytes: integer(env, 'MAX_BODY_BYTES', 256 * 1024, 1024, 16 * 1024 * 1024),
    maxIdLength: integer(env, 'MAX_ID_LENGTH', 512, 16, 4096),
    rateLimits: rateLimits(env),
    trustProxyHops: integer(env, 'TRUST_PROXY_HOPS', 0, 0, 10),
    shutdownGraceMs: integer(env, 'SHUTDOWN_GRACE_MS', 10_000, 0, 120_000),
    logLevel: oneOf(env, 'LOG_LEVEL', LOG_LEVELS, 'info'),
  };
}

/** The subset of settings botbuilder's ConfigurationBotFrameworkAuthentication reads, by its own names. */
export function botFrameworkAuthSettings(config: Config): Record<string, string> {
  return {
    MicrosoftAppId: config.auth.appId,
    MicrosoftAppPassword: config.auth.appPassword,
    MicrosoftAppType: config.auth.appType,
    MicrosoftAppTenantId: config.auth.tenantId,
  };
}

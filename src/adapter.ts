import { setTimeout as sleep } from 'node:timers/promises';
import {
  ActivityTypes,
  Channels,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  DeliveryModes,
  type Activity,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type ResourceResponse,
  type TurnContext,
} from 'botbuilder';
// Not in the package's index; CloudAdapter.process() runs it on every activity it receives.
import { validateAndFixActivity } from 'botbuilder/lib/activityValidator';
import { repairActivity } from './activityRepair.js';
import { ChannelAuthenticator, type ChannelAuthentication } from './channelAuth.js';
import { botFrameworkAuthSettings, type Config } from './config.js';
import type { Logger } from './log.js';
import { ReplyOutbox } from './replyOutbox.js';

/** The bot's turn logic, as botbuilder's adapters call it. */
export type TurnLogic = (context: TurnContext) => Promise<void>;

/** What the user sees when a turn fails; deliberately vague, the details go to the log. */
const APOLOGY = 'Sorry, something went wrong on my side. Please try again in a moment.';

/** Audience of the Bot Framework channel service; only used if the bot calls out during a local turn. */
const CHANNEL_AUDIENCE = 'https://api.botframework.com';

type Claims = Parameters<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>[0];
type ConnectorFactory = ReturnType<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>;
type ConnectorClient = Awaited<ReturnType<ConnectorFactory['create']>>;
type UserTokenClient = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['createUserTokenClient']>>;
type AuthenticateRequestResult = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>>;

/** Channels give a bot 15 s to answer a POST; a reply still not delivered after that is stale. */
const DELIVERY_TIMEOUT_MS = 15_000;
/** Replies waiting in one conversation (its channel unreachable) beyond which new ones are dropped. */
const MAX_PENDING_REPLIES = 50;
/** Longest wait for the token check, which may be downloading the signing keys; under the channels' 15 s. */
const AUTH_TIMEOUT_MS = 10_000;
/** After the signing keys could not be fetched, how long requests get 503 before one tries again. */
const KEYS_RETRY_AFTER_MS = 10_000;

/** Clients kept per app id, service URL and audience; the oldest goes when there are more. */
const MAX_CACHED_CLIENTS = 64;

/** A small insertion-ordered cache of promises; a rejected promise is forgotten, so it is retried. */
class ClientCache<T> {
  private readonly entries = new Map<string, Promise<T>>();

  get(key: string, make: () => Promise<T>): Promise<T> {
    const cached = this.entries.get(key);
    if (cached) return cached;
    const made = make();
    this.entries.set(key, made);
    if (this.entries.size > MAX_CACHED_CLIENTS) this.entries.delete(this.entries.keys().next().value!);
    made.catch(() => {
      if (this.entries.get(key) === made) this.entries.delete(key);
    });
    return made;
  }
}

/** The app id botbuilder builds a turn's clients for (audience claim from channels, appid from the Emulator). */
function appIdOf(claims: Claims): string {
  return claims.getClaimValue('aud') ?? claims.getClaimValue('appid') ?? '';
}

/**
 * botbuilder's configuration-based authentication, except that the connector and user-token clients
 * are made once and reused instead of once per turn. Each is a stateless HTTP client with its own
 * request pipeline (about a tenth of a millisecond and a few kB to build); botbuilder's older
 * BotFrameworkAdapter kept them per service URL the same way. Credentials are still checked for
 * every new app id, and a failure is not remembered.
 */
export class ReusingBotFrameworkAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly connectors = new ClientCache<ConnectorClient>();
  private readonly tokenClients = new ClientCache<UserTokenClient>();
  private readonly factories = new Map<string, ConnectorFactory>();

  override async authenticateRequest(activity: Activity, authHeader: string) {
    const result = await super.authenticateRequest(activity, authHeader);
    const { connectorFactory } = result;
    return connectorFactory ? { ...result, connectorFactory: this.reusing(connectorFactory, appIdOf(result.claimsIdentity)) } : result;
  }

  override createConnectorFactory(claimsIdentity: Claims): ConnectorFactory {
    return this.reusing(super.createConnectorFactory(claimsIdentity), appIdOf(claimsIdentity));
  }

  override createUserTokenClient(claimsIdentity: Claims): Promise<UserTokenClient> {
    return this.tokenClients.get(appIdOf(claimsIdentity), () => super.createUserTokenClient(claimsIdentity));
  }

  /** One factory per app id (botbuilder's are alike for one app id), whose clients are kept. */
  private reusing(factory: ConnectorFactory, appId: string): ConnectorFactory {
    const known = this.factories.get(appId);
    if (known) return known;
    const connectors = this.connectors;
    const reusing = {
      create: (serviceUrl: string, audience?: string) =>
        connectors.get(`${appId}\n${serviceUrl}\n${audience ?? ''}`, () => factory.create(serviceUrl, audience)),
    } as ConnectorFactory;
    this.factories.set(appId, reusing);
    if (this.factories.size > MAX_CACHED_CLIENTS) this.factories.delete(this.factories.keys().next().value!);
    return reusing;
  }
}

/** How a channel's POST to /api/messages ended: the turn's HTTP answer, or the refusal of its token. */
export type ChannelTurn = { readonly kind: 'done'; readonly status: number; readonly body?: unknown } | Extract<ChannelAuthentication, { kind: 'refused' }>;

export interface BotServerAdapterParts {
  readonly authentication: ReusingBotFrameworkAuthentication;
  readonly channelAuth: ChannelAuthenticator;
  readonly outbox: ReplyOutbox;
  readonly appId: string;
  readonly logger: Logger;
}

/**
 * botbuilder's CloudAdapter, with
 * - replies to a channel's serviceUrl sent after the turn (see ReplyOutbox), so that an
 *   unreachable channel never holds the request that brought the activity;
 * - token refusals told apart from signing keys that cannot be fetched (see ChannelAuthenticator);
 * - malformed optional fields dropped before a turn rather than failing it (see repairActivity);
 * - one entry point for turns that arrive through the server's own Direct Line: those are
 *   authenticated by the server's conversation tokens, not by a Bot Framework JWT, so they skip the
 *   JWT check but otherwise run exactly like /api/messages turns.
 */
export class BotServerAdapter extends CloudAdapter {
  private local: AuthenticateRequestResult | undefined;

  constructor(private readonly parts: BotServerAdapterParts) {
    super(parts.authentication);
  }

  /** Runs the turn of an activity a channel POSTed, once its Authorization header is accepted. */
  async processChannelActivity(authorization: string, activity: Activity, logic: TurnLogic): Promise<ChannelTurn> {
    const auth = await this.parts.channelAuth.authenticate(activity, authorization);
    if (auth.kind === 'refused') return auth;
    const response = await this.processActivity(auth.result, this.repaired(validateAndFixActivity(activity)), logic);
    return { kind: 'done', status: response?.status ?? 200, body: response?.body };
  }

  /**
   * Runs one turn with `deliveryMode: expectReplies` and returns the activities the bot sent.
   * The caller is responsible for having authorised the sender.
   */
  async runLocalTurn(activity: Partial<Activity>, logic: TurnLogic): Promise<Partial<Activity>[]> {
    const turnActivity = this.repaired({ ...activity, deliveryMode: DeliveryModes.ExpectReplies } as Activity);
    const result = await this.processActivity(this.localSender(), turnActivity, logic);
    return repliesIn(result?.body);
  }

  /** Resolves once the replies queued so far for channels have been delivered or given up. */
  deliveriesSettled(): Promise<void> {
    return this.parts.outbox.idle();
  }

  /**
   * Only reached for replies to a serviceUrl (botbuilder buffers expectReplies itself): queued, so
   * the turn goes on at once. The channel's own ids for the replies are not known by then.
   */
  override async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    // An invoke's response goes back in this request's own HTTP response, so it cannot wait.
    if (activities.some((activity) => activity.type === ActivityTypes.InvokeResponse)) return super.sendActivities(context, activities);
    const connector = context.turnState.get<ConnectorClient | undefined>(this.ConnectorClientKey);
    if (!connector) throw new Error('Unable to extract ConnectorClient from turn context.');
    const { serviceUrl, channelId, conversation } = context.activity;
    const about = { channelId, conversationId: conversation?.id, serviceUrl };
    for (const activity of activities) {
      // Like botbuilder: traces are for the Emulator only, and the channel assigns the ids.
      if (activity.type === ActivityTypes.Trace && channelId !== Channels.Emulator) continue;
      const outgoing = { ...activity };
      delete outgoing.id;
      this.parts.outbox.post(`${serviceUrl}\n${conversation?.id}`, about, (signal) => deliver(connector, outgoing, signal));
    }
    return activities.map(() => ({ id: '' }));
  }

  private repaired(activity: Activity): Activity {
    const { activity: repaired, dropped } = repairActivity(activity);
    if (dropped.length > 0) {
      this.parts.logger.warn('malformed activity fields ignored', { fields: dropped, channelId: activity.channelId, conversationId: activity.conversation?.id });
    }
    return repaired;
  }

  /** Who local turns come from (the bot's own app id) and how they reach the channel: the same every turn. */
  private localSender(): AuthenticateRequestResult {
    if (!this.local) {
      const claimsIdentity = this.createClaimsIdentity(this.parts.appId);
      const connectorFactory = this.botFrameworkAuthentication.createConnectorFactory(claimsIdentity);
      this.local = { audience: CHANNEL_AUDIENCE, claimsIdentity, connectorFactory };
    }
    return this.local;
  }
}

/** One reply to the channel, as botbuilder's CloudAdapterBase sends it, within the signal's budget. */
async function deliver(connector: ConnectorClient, activity: Partial<Activity>, signal: AbortSignal): Promise<unknown> {
  if (activity.type === 'delay') return sleep(typeof activity.value === 'number' ? activity.value : 1000, undefined, { signal });
  const conversationId = activity.conversation?.id ?? '';
  const options = { abortSignal: signal };
  return activity.replyToId
    ? connector.conversations.replyToActivity(conversationId, activity.replyToId, activity as Activity, options)
    : connector.conversations.sendToConversation(conversationId, activity as Activity, options);
}

function repliesIn(body: unknown): Partial<Activity>[] {
  if (typeof body !== 'object' || body === null || !('activities' in body)) return [];
  const { activities } = body;
  return Array.isArray(activities) ? activities : [];
}

export interface AdapterOptions {
  /** The time one reply may take to reach a channel, retries included (default 15 s). */
  readonly deliveryTimeoutMs?: number;
  /** The longest wait for a token check (default 10 s). */
  readonly authTimeoutMs?: number;
  /** More botbuilder authentication settings, by botbuilder's names (e.g. ToBotFromChannelOpenIdMetadataUrl). */
  readonly botFrameworkSettings?: Readonly<Record<string, string>>;
}

/** Builds the adapter: Bot Framework authentication is on when an app id is configured, off otherwise. */
export function createAdapter(config: Config, logger: Logger, options: AdapterOptions = {}): BotServerAdapter {
  const settings: ConfigurationBotFrameworkAuthenticationOptions = { ...options.botFrameworkSettings, ...botFrameworkAuthSettings(config) };
  const authentication = new ReusingBotFrameworkAuthentication(settings);
  const adapter = new BotServerAdapter({
    authentication,
    channelAuth: new ChannelAuthenticator(authentication, {
      enabled: config.auth.appId !== '',
      logger,
      timeoutMs: options.authTimeoutMs ?? AUTH_TIMEOUT_MS,
      retryAfterMs: KEYS_RETRY_AFTER_MS,
    }),
    outbox: new ReplyOutbox({ logger, timeoutMs: options.deliveryTimeoutMs ?? DELIVERY_TIMEOUT_MS, maxPending: MAX_PENDING_REPLIES }),
    appId: config.auth.appId,
    logger,
  });
  adapter.onTurnError = async (context, error) => {
    logger.error('turn failed', {
      error: error instanceof Error ? error.message : String(error),
      stack: error instanceof Error ? error.stack : undefined,
      channelId: context.activity.channelId,
      conversationId: context.activity.conversation?.id,
      activityType: context.activity.type,
    });
    try {
      await context.sendActivity(APOLOGY);
      // The Emulator shows trace activities; real channels drop them.
      await context.sendActivity({
        type: ActivityTypes.Trace,
        name: 'OnTurnError Trace',
        label: 'TurnError',
        valueType: 'https://www.botframework.com/schemas/error',
        value: error instanceof Error ? error.message : String(error),
      });
    } catch (sendError) {
      // Reporting must not fail the request a second time (e.g. the channel itself is unreachable).
      logger.error('could not report a failed turn', {
        error: sendError instanceof Error ? sendError.message : String(sendError),
      });
    }
  };
  return adapter;
}

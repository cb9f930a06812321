import {
  ActivityTypes,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  DeliveryModes,
  type Activity,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type TurnContext,
} from 'botbuilder';
import { botFrameworkAuthSettings, type Config } from './config.js';
import type { Logger } from './log.js';

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

/**
 * botbuilder's CloudAdapter plus one entry point for turns that arrive through the server's own
 * Direct Line: those are authenticated by the server's conversation tokens, not by a Bot Framework
 * JWT, so they skip the JWT check but otherwise run exactly like /api/messages turns.
 */
export class BotServerAdapter extends CloudAdapter {
  private local: AuthenticateRequestResult | undefined;

  constructor(
    authentication: ReusingBotFrameworkAuthentication,
    private readonly appId: string,
  ) {
    super(authentication);
  }

  /**
   * Runs one turn with `deliveryMode: expectReplies` and returns the activities the bot sent.
   * The caller is responsible for having authorised the sender.
   */
  async runLocalTurn(activity: Partial<Activity>, logic: TurnLogic): Promise<Partial<Activity>[]> {
    const turnActivity = { ...activity, deliveryMode: DeliveryModes.ExpectReplies } as Activity;
    const result = await this.processActivity(this.localSender(), turnActivity, logic);
    return repliesIn(result?.body);
  }

  /** Who local turns come from (the bot's own app id) and how they reach the channel: the same every turn. */
  private localSender(): AuthenticateRequestResult {
    if (!this.local) {
      const claimsIdentity = this.createClaimsIdentity(this.appId);
      const connectorFactory = this.botFrameworkAuthentication.createConnectorFactory(claimsIdentity);
      this.local = { audience: CHANNEL_AUDIENCE, claimsIdentity, connectorFactory };
    }
    return this.local;
  }
}

function repliesIn(body: unknown): Partial<Activity>[] {
  if (typeof body !== 'object' || body === null || !('activities' in body)) return [];
  const { activities } = body;
  return Array.isArray(activities) ? activities : [];
}

/** Builds the adapter: Bot Framework authentication is on when an app id is configured, off otherwise. */
export function createAdapter(config: Config, logger: Logger): BotServerAdapter {
  const settings: ConfigurationBotFrameworkAuthenticationOptions = botFrameworkAuthSettings(config);
  const adapter = new BotServerAdapter(new ReusingBotFrameworkAuthentication(settings), config.auth.appId);
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

import type { Activity } from 'botbuilder';
import { createAdapter, type AdapterOptions, type BotServerAdapter } from '../../src/adapter';
import { loadConfig, type Config } from '../../src/config';
import { silentLogger, type Logger } from '../../src/log';
import { createServer, type BotServer, type DirectLineOptions, type TurnHandler } from '../../src/server';
import { EchoBot } from './echoBot';

export interface TestServer {
  readonly url: string;
  readonly server: BotServer;
  readonly adapter: BotServerAdapter;
  close(): Promise<void>;
}

export interface TestServerOptions {
  /** Environment variables as config.ts reads them (e.g. { MAX_BODY_BYTES: '2048' }). */
  readonly env?: Record<string, string>;
  readonly bot?: TurnHandler;
  readonly health?: () => unknown;
  readonly logger?: Logger;
  readonly directLine?: DirectLineOptions;
  readonly adapter?: AdapterOptions;
}

/** A config from literal environment variables, never from the machine's own environment. */
export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({ LOG_LEVEL: 'silent', ...env });
}

/** Starts the real HTTP server on a free port (an echo bot unless told otherwise). */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const config = testConfig(options.env);
  const logger = options.logger ?? silentLogger;
  const adapter = createAdapter(config, logger, options.adapter);
  const server = createServer({
    config,
    logger,
    adapter,
    bot: options.bot ?? new EchoBot(),
    health: options.health ?? (() => ({ status: 'ok' })),
    ...(options.directLine ? { directLine: options.directLine } : {}),
  });
  const { url } = await server.start(0, '127.0.0.1');
  return { url, server, adapter, close: () => server.close() };
}

let sequence = 0;

/** A user message as a channel would send it, addressed for expectReplies delivery. */
export function userMessage(text: string, overrides: Partial<Activity> = {}): Partial<Activity> {
  sequence += 1;
  return {
    type: 'message',
    id: `test-${sequence}`,
    channelId: 'test',
    text,
    locale: 'en-US',
    from: { id: 'test-user', name: 'Test User', role: 'user' },
    recipient: { id: 'bot', name: 'Bot', role: 'bot' },
    conversation: { id: 'test-conversation', isGroup: false, conversationType: 'personal', name: '' },
    deliveryMode: 'expectReplies',
    ...overrides,
  };
}

export interface PostResult {
  readonly status: number;
  readonly body: unknown;
}

/** POSTs a body (an object is sent as JSON, a string as-is) to /api/messages. */
export async function postToMessages(
  baseUrl: string,
  body: unknown,
  headers: Record<string, string> = { 'Content-Type': 'application/json' },
): Promise<PostResult> {
  const response = await fetch(`${baseUrl}/api/messages`, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // Not JSON: keep the text for the assertion message.
  }
  return { status: response.status, body: parsed };
}

/** Sends an activity with expectReplies and returns the bot's replies; throws on any non-200. */
export async function sendActivity(baseUrl: string, activity: Partial<Activity>): Promise<Partial<Activity>[]> {
  const { status, body } = await postToMessages(baseUrl, { ...activity, deliveryMode: 'expectReplies' });
  if (status !== 200) throw new Error(`POST /api/messages answered ${status}: ${JSON.stringify(body)}`);
  const activities = (body as { activities?: Partial<Activity>[] } | undefined)?.activities;
  if (!Array.isArray(activities)) throw new Error(`expected {"activities": [...]}, got ${JSON.stringify(body)}`);
  return activities;
}

/** Asks the bot one question and returns its message replies (typing and trace activities dropped). */
export async function ask(baseUrl: string, text: string, overrides: Partial<Activity> = {}): Promise<Partial<Activity>[]> {
  const replies = await sendActivity(baseUrl, userMessage(text, overrides));
  return replies.filter((activity) => activity.type === 'message');
}

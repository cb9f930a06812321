/**
 * Replies posted to an activity's serviceUrl (no expectReplies): only to the serviceUrls the
 * operator allows while authentication is off, after the channel's POST has been answered, in
 * order, and with a failure logged rather than holding anything up.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ActivityHandler, type Activity } from 'botbuilder';
import { createLogger } from '../../src/log';
import { ECHO_PREFIX } from '../support/echoBot';
import { postToMessages, startTestServer, userMessage, type TestServer } from '../support/http';

interface Received {
  readonly path: string;
  readonly text: string | undefined;
}

/** A loopback HTTP listener standing for a channel (or for an internal service an attacker aims at). */
class Listener {
  readonly received: Received[] = [];
  private readonly server: http.Server;
  /** Answers to the held requests, in arrival order; the test releases them. */
  private readonly held: http.ServerResponse[] = [];

  constructor(private readonly answer: 'at once' | 'when released' | 'never') {
    this.server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        this.received.push({ path: req.url ?? '', text: (JSON.parse(body || '{}') as Partial<Activity>).text });
        if (this.answer === 'at once') res.end('{"id":"1"}');
        else if (this.answer === 'when released') this.held.push(res);
      });
    });
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  release(): void {
    for (const res of this.held.splice(0)) res.end('{"id":"1"}');
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** A bot that answers every message with two messages, to see their order. */
class TwoPartBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity(`${ECHO_PREFIX}one`);
      await context.sendActivity(`${ECHO_PREFIX}two`);
      await next();
    });
  }
}

/** A message to be answered at serviceUrl; the client gives up after a generous 5 s. */
function postMessage(server: TestServer, serviceUrl: string, extra: Partial<Activity> = {}): Promise<Response> {
  return fetch(`${server.url}/api/messages`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ ...userMessage('hi', extra), deliveryMode: undefined, serviceUrl }),
    signal: AbortSignal.timeout(5000),
  });
}

describe('replies to a serviceUrl that is not allowed', () => {
  let listener: Listener;
  let base: string;

  beforeAll(async () => {
    listener = new Listener('at once');
    base = await listener.start();
  });
  afterAll(() => listener.close());

  it('are refused with 403 by default, and nothing reaches the listener', async () => {
    const server = await startTestServer();
    try {
      const response = await postMessage(server, `${base}/internal-admin`);
      expect(response.status).toBe(403);
      expect(((await response.json()) as { error: string }).error).toMatch(/ALLOWED_SERVICE_URLS/);
      await server.adapter.deliveriesSettled();
      expect(listener.received).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it.each([
    ['another path on the same port', (b: string) => `${b}/internal-admin`],
    ['a path that only starts like the allowed one', (b: string) => `${b}/bot-admin`],
    ['a path that climbs out of the allowed one', (b: string) => `${b}/bot/../internal-admin`],
    ['user info in front of the host', (b: string) => `${b.replace('//', '//bot@')}/internal-admin`],
    ['the same host under another name', (b: string) => `${b.replace('127.0.0.1', 'localhost')}/bot`],
    ['https instead of http', (b: string) => `${b.replace('http:', 'https:')}/bot`],
  ])('are refused with 403 when the operator allowed another: %s', async (_name, serviceUrl) => {
    const server = await startTestServer({ env: { ALLOWED_SERVICE_URLS: `${base}/bot` } });
    try {
      expect((await postMessage(server, serviceUrl(base))).status).toBe(403);
      await server.adapter.deliveriesSettled();
      expect(listener.received).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it('do not matter with expectReplies: the replies come back in the response', async () => {
    const server = await startTestServer();
    try {
      const response = await postToMessages(server.url, userMessage('hi', { serviceUrl: `${base}/internal-admin` }));
      expect(response).toEqual({ status: 200, body: { activities: [expect.objectContaining({ text: `${ECHO_PREFIX}hi` })] } });
      await server.adapter.deliveriesSettled();
      expect(listener.received).toEqual([]);
    } finally {
      await server.close();
    }
  });
});

describe('replies to an allowed serviceUrl', () => {
  it('go out after the POST was answered, in order, as Bot Framework replies', async () => {
    const channel = new Listener('when released');
    const base = await channel.start();
    const server = await startTestServer({ env: { ALLOWED_SERVICE_URLS: `${base}/channel/` }, bot: new TwoPartBot() });
    try {
      const response = await postMessage(server, `${base}/channel/`, { id: 'incoming-1', conversation: { id: 'conv-1' } as Activity['conversation'] });
      // The channel has not answered the first reply yet, and its POST already has its status.
      expect(response.status).toBe(200);
      channel.release();
      while (channel.received.length < 2) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        channel.release();
      }
      await server.adapter.deliveriesSettled();
      expect(channel.received).toEqual([
        { path: '/channel/v3/conversations/conv-1/activities/incoming-1', text: `${ECHO_PREFIX}one` },
        { path: '/channel/v3/conversations/conv-1/activities/incoming-1', text: `${ECHO_PREFIX}two` },
      ]);
    } finally {
      await server.close();
      await channel.close();
    }
  });

  it('that cannot be delivered in time are logged, and the POST was answered all the same', async () => {
    const channel = new Listener('never');
    const base = await channel.start();
    const lines: string[] = [];
    const server = await startTestServer({
      env: { ALLOWED_SERVICE_URLS: base },
      logger: createLogger('error', (line) => lines.push(line)),
      adapter: { deliveryTimeoutMs: 200 },
    });
    try {
      const response = await postMessage(server, base, { conversation: { id: 'conv-silent' } as Activity['conversation'] });
      expect(response.status).toBe(200);
      await server.adapter.deliveriesSettled();
      const failures = lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((entry) => entry.message === 'reply not delivered');
      expect(failures).toEqual([expect.objectContaining({ conversationId: 'conv-silent', serviceUrl: base, error: expect.any(String) })]);
      expect(channel.received.length).toBeGreaterThan(0);
    } finally {
      await server.close();
      await channel.close();
    }
  });
});

import { createLogger } from '../../src/log';
import { ECHO_PREFIX } from '../support/echoBot';
import { ask, postToMessages, startTestServer, userMessage, type TestServer } from '../support/http';

const MAX_BODY_BYTES = 2048;

describe('POST /api/messages', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ env: { MAX_BODY_BYTES: String(MAX_BODY_BYTES) } });
  });
  afterAll(() => server.close());

  it('returns the bot replies in the body for expectReplies', async () => {
    const replies = await ask(server.url, 'hello there');
    expect(replies.map((reply) => reply.text)).toEqual([`${ECHO_PREFIX}hello there`]);
  });

  const json = { 'Content-Type': 'application/json' };
  const badRequests: ReadonlyArray<[string, unknown, Record<string, string>, number, RegExp]> = [
    ['malformed JSON', '{"type": "message", ', json, 400, /JSON/],
    ['an empty body', '', json, 400, /empty/],
    ['a JSON array', [userMessage('hi')], json, 400, /object/],
    ['a JSON string', '"message"', json, 400, /object/],
    ['JSON null', 'null', json, 400, /object/],
    ['a missing type', { ...userMessage('hi'), type: undefined }, json, 400, /"type"/],
    ['an unknown type', userMessage('hi', { type: 'shout' }), json, 400, /unknown activity type "shout"/],
    ['a missing conversation', { ...userMessage('hi'), conversation: undefined }, json, 400, /"conversation"/],
    ['a missing conversation.id', userMessage('hi', { conversation: { name: 'x' } as never }), json, 400, /"conversation.id"/],
    ['a missing from', { ...userMessage('hi'), from: undefined }, json, 400, /"from"/],
    ['a missing from.id', userMessage('hi', { from: { name: 'x' } as never }), json, 400, /"from.id"/],
    ['a non-string text', { ...userMessage('hi'), text: 42 }, json, 400, /"text"/],
    ['no serviceUrl without expectReplies', { ...userMessage('hi'), deliveryMode: undefined }, json, 400, /"serviceUrl"/],
    ['a serviceUrl that is not http', { ...userMessage('hi'), deliveryMode: undefined, serviceUrl: 'file:///etc' }, json, 400, /"serviceUrl"/],
    ['a text/plain body', JSON.stringify(userMessage('hi')), { 'Content-Type': 'text/plain' }, 415, /application\/json/],
    ['a body over the size limit', userMessage('x'.repeat(MAX_BODY_BYTES)), json, 413, /larger than 2048/],
  ];

  it.each(badRequests)('rejects %s and keeps serving', async (_case, body, headers, status, message) => {
    const response = await postToMessages(server.url, body, headers);
    expect(response.status).toBe(status);
    expect(response.body).toEqual({ error: expect.stringMatching(message) });

    const replies = await ask(server.url, 'still there?');
    expect(replies.map((reply) => reply.text)).toEqual([`${ECHO_PREFIX}still there?`]);
  });

  it('rejects a body over the limit sent without Content-Length', async () => {
    const big = JSON.stringify(userMessage('y'.repeat(MAX_BODY_BYTES * 4)));
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(big));
        controller.close();
      },
    });
    const response = await fetch(`${server.url}/api/messages`, {
      method: 'POST',
      headers: json,
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect((await ask(server.url, 'ok')).length).toBe(1);
  });

  it('rejects a body without a content type', async () => {
    const response = await fetch(`${server.url}/api/messages`, {
      method: 'POST',
      body: new TextEncoder().encode(JSON.stringify(userMessage('hi'))),
    });
    expect(response.status).toBe(415);
  });

  it('accepts other activity types from the protocol', async () => {
    const response = await postToMessages(server.url, userMessage('', { type: 'typing' }), json);
    expect(response.status).toBe(200);
  });

  it('answers 405 to GET', async () => {
    const response = await fetch(`${server.url}/api/messages`);
    expect(response.status).toBe(405);
  });
});

describe('request log', () => {
  it('records each request briefly at debug level, without query strings', async () => {
    const lines: string[] = [];
    const server = await startTestServer({ logger: createLogger('debug', (line) => lines.push(line)) });
    try {
      await ask(server.url, 'hi');
      await fetch(`${server.url}/healthz?secret=1`);
      const requests = lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((entry) => entry.message === 'request');
      expect(requests).toEqual([
        expect.objectContaining({ level: 'debug', method: 'POST', path: '/api/messages', status: 200, ms: expect.any(Number) }),
        expect.objectContaining({ level: 'debug', method: 'GET', path: '/healthz', status: 200 }),
      ]);
    } finally {
      await server.close();
    }
  });
});

describe('a failing bot', () => {
  it('apologises, traces the error for the Emulator and logs it', async () => {
    const logged: string[] = [];
    const server = await startTestServer({
      bot: { run: async () => Promise.reject(new Error('knowledge store unavailable')) },
      logger: createLogger('error', (line) => logged.push(line)),
    });
    try {
      const response = await postToMessages(server.url, userMessage('hi'));
      expect(response.status).toBe(200);
      const replies = (response.body as { activities: Array<{ type: string; text?: string; value?: string }> }).activities;
      expect(replies[0]).toMatchObject({ type: 'message', text: expect.stringMatching(/^Sorry/) });
      expect(replies[1]).toMatchObject({ type: 'trace', value: 'knowledge store unavailable' });
      expect(logged.join('\n')).toContain('knowledge store unavailable');
    } finally {
      await server.close();
    }
  });
});

describe('authentication', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ env: { MicrosoftAppId: 'test-app-id', MicrosoftAppPassword: 'test-secret' } });
  });
  afterAll(() => server.close());

  it('refuses an activity without a Bot Framework token when an app id is configured', async () => {
    const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const response = await postToMessages(server.url, userMessage('hi'));
      expect(response.status).toBe(401);
    } finally {
      errors.mockRestore();
    }
  });
});

describe('GET /healthz', () => {
  it('answers 200 with the health object', async () => {
    const health = { status: 'ok', knowledge: { version: 'test-1', facts: 3 } };
    const server = await startTestServer({ health: () => health });
    try {
      const response = await fetch(`${server.url}/healthz`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual(health);
    } finally {
      await server.close();
    }
  });
});

import { EchoBot, ECHO_PREFIX } from '../support/echoBot';
import { call, DirectLineVisitor, type ActivitySetBody } from '../support/directLine';
import { startTestServer, type TestServer } from '../support/http';
import { StreamClient } from '../support/webSocketClient';

const WELCOME = 'Welcome! Ask me anything.';

describe('the built-in Direct Line', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ bot: new EchoBot({ welcome: WELCOME, suggestions: ['Tell me more'] }) });
  });
  afterAll(() => server.close());

  it('welcomes a new visitor and echoes what they say, then the bot reply with its buttons', async () => {
    const visitor = await DirectLineVisitor.arrive(server.url);
    await visitor.waitFor((activity) => activity.text === WELCOME);

    const posted = await visitor.say('hello');
    expect(posted.status).toBe(200);
    const reply = await visitor.waitFor((activity) => activity.text === `${ECHO_PREFIX}hello`);
    const echo = visitor.seen.find((activity) => activity.id === posted.body.id);

    expect(echo).toMatchObject({ type: 'message', text: 'hello', from: { role: 'user' }, channelData: { clientActivityID: 'client-hello' } });
    expect(reply).toMatchObject({ from: { role: 'bot' }, replyToId: posted.body.id, conversation: { id: visitor.conversationId } });
    expect(reply.suggestedActions?.actions.map((action) => action.title)).toEqual(['Tell me more']);
    expect(typeof reply.id).toBe('string');
    expect(reply.timestamp).toBeDefined();
  });

  it('ignores the sender id a visitor claims', async () => {
    const visitor = await DirectLineVisitor.arrive(server.url);
    const posted = await visitor.say('who am I', { from: { id: 'someone-else', role: 'bot' } });
    const echo = await visitor.waitFor((activity) => activity.id === posted.body.id);
    expect(echo.from).toMatchObject({ role: 'user' });
    expect(echo.from?.id).not.toBe('someone-else');
  });

  it('returns only activities after the watermark', async () => {
    const visitor = await DirectLineVisitor.arrive(server.url);
    await visitor.say('one');
    await visitor.waitFor((activity) => activity.text === `${ECHO_PREFIX}one`);
    expect(await visitor.poll()).toEqual([]);
    await visitor.say('two');
    const fresh = await visitor.poll();
    expect(fresh.map((activity) => activity.text)).toEqual(['two', `${ECHO_PREFIX}two`]);
  });

  it('starts each conversation once: asking again returns it without a second welcome', async () => {
    const visitor = await DirectLineVisitor.arrive(server.url);
    const again = await call<{ conversationId: string }>(`${visitor.domain}/conversations`, { method: 'POST', token: visitor.token });
    expect(again.status).toBe(200);
    expect(again.body.conversationId).toBe(visitor.conversationId);
    await visitor.say('ping');
    await visitor.waitFor((activity) => activity.text === `${ECHO_PREFIX}ping`);
    expect(visitor.botTexts().filter((text) => text === WELCOME)).toHaveLength(1);
  });

  it('refreshes a token: the new one opens the same conversation', async () => {
    const visitor = await DirectLineVisitor.arrive(server.url);
    const refreshed = await call<{ token: string; conversationId: string }>(`${visitor.domain}/tokens/refresh`, { method: 'POST', token: visitor.token });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.conversationId).toBe(visitor.conversationId);
    expect(refreshed.body.token).not.toBe(visitor.token);
    visitor.token = refreshed.body.token;
    await visitor.say('after refresh');
    await visitor.waitFor((activity) => activity.text === `${ECHO_PREFIX}after refresh`);
    const bogus = await call(`${visitor.domain}/tokens/refresh`, { method: 'POST', token: 'not-a-token' });
    expect(bogus.status).toBe(403);
  });

  it('streams activities over a WebSocket, starting with what is already there', async () => {
    const visitor = await DirectLineVisitor.arrive(server.url);
    const stream = await visitor.stream();
    try {
      stream.send(''); // Web Chat's keep-alive
      stream.send('are you there', 0x9); // a ping
      await visitor.say('streamed');
      const messages = await stream.waitForMessages(3);
      const texts = messages.flatMap((message) => (JSON.parse(message) as ActivitySetBody).activities.map((activity) => activity.text));
      expect(texts).toEqual(expect.arrayContaining([WELCOME, 'streamed', `${ECHO_PREFIX}streamed`]));
    } finally {
      stream.close();
    }
  });

  it.each([
    ['text/plain', 'hello', { 'Content-Type': 'text/plain' }, 415],
    ['malformed JSON', '{"type":', {}, 400],
    ['a type visitors may not send', { type: 'invoke', name: 'x' }, {}, 400],
    ['a non-string text', { type: 'message', text: 7 }, {}, 400],
  ])('rejects a post with %s', async (_case, body, headers, status) => {
    const visitor = await DirectLineVisitor.arrive(server.url);
    const reply = await call(`${visitor.domain}/conversations/${visitor.conversationId}/activities`, { method: 'POST', token: visitor.token, body, headers });
    expect(reply.status).toBe(status);
    expect((await visitor.say('still fine')).status).toBe(200);
  });

  it('rejects a watermark that is not a number', async () => {
    const visitor = await DirectLineVisitor.arrive(server.url);
    const reply = await call(`${visitor.domain}/conversations/${visitor.conversationId}/activities?watermark=abc`, { token: visitor.token });
    expect(reply.status).toBe(400);
  });
});

describe('conversation isolation in the built-in Direct Line', () => {
  let server: TestServer;
  let alice: DirectLineVisitor;
  let mallory: DirectLineVisitor;

  beforeAll(async () => {
    server = await startTestServer({ bot: new EchoBot() });
    alice = await DirectLineVisitor.arrive(server.url);
    mallory = await DirectLineVisitor.arrive(server.url);
    await alice.say('my private question');
    await mallory.say('something else');
  });
  afterAll(() => server.close());

  it('gives each visitor their own conversation and token', () => {
    expect(alice.conversationId).not.toBe(mallory.conversationId);
    expect(alice.token).not.toBe(mallory.token);
  });

  it("refuses to show another visitor's conversation", async () => {
    const reply = await call(`${server.url}/v3/directline/conversations/${alice.conversationId}/activities`, { token: mallory.token });
    expect(reply.status).toBe(403);
    expect(JSON.stringify(reply.body)).not.toContain('my private question');
  });

  it("refuses to post into another visitor's conversation", async () => {
    const reply = await call(`${server.url}/v3/directline/conversations/${alice.conversationId}/activities`, {
      method: 'POST',
      token: mallory.token,
      body: { type: 'message', text: 'injected' },
    });
    expect(reply.status).toBe(403);
    await alice.poll();
    expect(alice.seen.map((activity) => activity.text)).not.toContain('injected');
  });

  it("refuses to reconnect to or stream another visitor's conversation", async () => {
    const resumed = await call(`${server.url}/v3/directline/conversations/${alice.conversationId}?watermark=0`, { token: mallory.token });
    expect(resumed.status).toBe(403);
    const stream = await StreamClient.open(`${server.url}/v3/directline/conversations/${alice.conversationId}/stream?t=${mallory.token}`);
    expect(stream).toBe(403);
  });

  it('keeps transcripts apart', async () => {
    await alice.waitFor((activity) => activity.text === `${ECHO_PREFIX}my private question`);
    await mallory.waitFor((activity) => activity.text === `${ECHO_PREFIX}something else`);
    expect(mallory.seen.map((activity) => activity.text)).not.toContain('my private question');
    expect(alice.seen.map((activity) => activity.text)).not.toContain('something else');
  });

  it.each([
    ['no token', undefined, 401],
    ['a made-up token', 'made-up-token', 403],
  ])('refuses a request with %s', async (_case, token, status) => {
    const reply = await call(`${server.url}/v3/directline/conversations/${alice.conversationId}/activities`, { token });
    expect(reply.status).toBe(status);
  });
});

describe('Direct Line memory bounds', () => {
  it('at its limit, lets an idle conversation leave memory (its visitor carries on from storage), never one being streamed', async () => {
    const server = await startTestServer({ directLine: { maxConversations: 2 } });
    const streams: StreamClient[] = [];
    try {
      const idle = await DirectLineVisitor.arrive(server.url);
      await idle.say('before');
      await idle.waitFor((activity) => activity.text === `${ECHO_PREFIX}before`);
      // Two visitors streaming take both places: the idle one has left memory.
      for (let i = 0; i < 2; i++) {
        const visitor = await DirectLineVisitor.arrive(server.url);
        const stream = await visitor.stream();
        streams.push(stream);
      }
      // Nothing can make room now: the idle visitor's next request is turned away, nobody is pushed out.
      const refused = await call(`${idle.domain}/conversations/${idle.conversationId}/activities`, { token: idle.token });
      expect(refused.status).toBe(503);
      expect(streams.every((stream) => !stream.closed)).toBe(true);
      // A stream ends: the idle visitor is back with the whole transcript.
      streams.pop()?.close();
      let again = refused as Awaited<ReturnType<typeof call<ActivitySetBody>>>;
      while (again.status === 503) again = await call<ActivitySetBody>(`${idle.domain}/conversations/${idle.conversationId}/activities`, { token: idle.token });
      expect(again.status).toBe(200);
      expect(again.body.activities.map((activity) => activity.text)).toEqual(['before', `${ECHO_PREFIX}before`]);
    } finally {
      for (const stream of streams) stream.close();
      await server.close();
    }
  });

  it('keeps only the newest activities of a long conversation, with the watermark still moving on', async () => {
    const server = await startTestServer({ directLine: { maxActivitiesPerConversation: 4 } });
    try {
      const visitor = await DirectLineVisitor.arrive(server.url);
      for (const text of ['a', 'b', 'c', 'd']) await visitor.say(text);
      const all = await call<ActivitySetBody>(`${visitor.domain}/conversations/${visitor.conversationId}/activities`, { token: visitor.token });
      expect(all.body.activities.map((activity) => activity.text)).toEqual(['c', `${ECHO_PREFIX}c`, 'd', `${ECHO_PREFIX}d`]);
      expect(all.body.watermark).toBe('8');
    } finally {
      await server.close();
    }
  });
});

describe('the built-in Direct Line with Bot Framework authentication on', () => {
  it('still runs turns: its own tokens authorise the visitor, not a Bot Framework JWT', async () => {
    const server = await startTestServer({
      bot: new EchoBot({ welcome: WELCOME }),
      env: { MicrosoftAppId: 'test-app-id', MicrosoftAppPassword: 'test-secret' },
    });
    try {
      const visitor = await DirectLineVisitor.arrive(server.url);
      await visitor.waitFor((activity) => activity.text === WELCOME);
      await visitor.say('authenticated');
      const reply = await visitor.waitFor((activity) => activity.text === `${ECHO_PREFIX}authenticated`);
      expect(reply.from).toMatchObject({ id: 'test-app-id', role: 'bot' });
    } finally {
      await server.close();
    }
  });
});

/**
 * A flood of new tokens and messages, over HTTP, while a visitor is in the middle of a chat: the
 * flood is refused with 429 and Retry-After, and the visitor keeps their conversation.
 */
import { DirectLineVisitor } from '../support/directLine';
import { EchoBot, ECHO_PREFIX } from '../support/echoBot';
import { startTestServer, type TestServer } from '../support/http';

interface Refusals {
  readonly statuses: Map<number, number>;
  readonly retryAfter: Set<string>;
}

/** Sends `count` requests, `parallel` at a time, and tallies the answers. */
async function flood(count: number, parallel: number, send: (i: number) => Promise<Response>): Promise<Refusals> {
  const statuses = new Map<number, number>();
  const retryAfter = new Set<string>();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const response = await send(next++);
      await response.arrayBuffer();
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      const header = response.headers.get('retry-after');
      if (response.status === 429 && header) retryAfter.add(header);
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return { statuses, retryAfter };
}

/** A visitor who has started chatting (and has had an answer) before the flood begins. */
async function visitorInMidChat(url: string): Promise<DirectLineVisitor> {
  const visitor = await DirectLineVisitor.arrive(url);
  await visitor.say('before the flood');
  await visitor.waitFor((activity) => activity.text === `${ECHO_PREFIX}before the flood`);
  return visitor;
}

async function visitorStillChats(visitor: DirectLineVisitor, text: string): Promise<void> {
  expect((await visitor.say(text)).status).toBe(200);
  await visitor.waitFor((activity) => activity.text === `${ECHO_PREFIX}${text}`);
  // The whole transcript is still there, from the first message on.
  expect(visitor.seen.filter((activity) => activity.from?.role === 'user').map((activity) => activity.text)).toEqual(['before the flood', text]);
}

describe('a flood of token requests from one address', () => {
  let server: TestServer;
  afterEach(() => server.close());

  it('is refused with 429 and Retry-After, and a visitor in the middle of a chat keeps it', async () => {
    server = await startTestServer({ bot: new EchoBot(), directLine: { maxConversations: 50 }, env: { RATE_TOKENS_PER_CLIENT: '10' } });
    const visitor = await visitorInMidChat(server.url);

    const result = await flood(2001, 8, () => fetch(`${server.url}/api/directline/token`, { method: 'POST' }));

    expect(result.statuses.get(429)).toBeGreaterThan(1900);
    expect([...result.retryAfter].every((value) => /^[1-9]\d*$/.test(value))).toBe(true);
    expect(result.retryAfter.size).toBeGreaterThan(0);
    await visitorStillChats(visitor, 'after the flood');
  });
});

describe('a flood of token requests from many addresses (behind a proxy)', () => {
  let server: TestServer;
  afterEach(() => server.close());

  it('hits the server-wide budget, fills only the free places, and pushes no visitor out', async () => {
    server = await startTestServer({
      bot: new EchoBot(),
      directLine: { maxConversations: 50 },
      env: { TRUST_PROXY_HOPS: '1', RATE_TOKENS_PER_CLIENT: '5', RATE_TOKENS_TOTAL: '300' },
    });
    const visitor = await visitorInMidChat(server.url);

    const result = await flood(2001, 8, (i) =>
      fetch(`${server.url}/api/directline/token`, { method: 'POST', headers: { 'X-Forwarded-For': `10.0.${Math.floor(i / 250)}.${i % 250}` } }),
    );

    // 300 tokens at most (the visitor had one); the rest refused for the total budget.
    expect((result.statuses.get(200) ?? 0) + (result.statuses.get(503) ?? 0)).toBeLessThanOrEqual(300);
    expect(result.statuses.get(429)).toBeGreaterThanOrEqual(1700);
    expect(result.retryAfter.size).toBeGreaterThan(0);
    await visitorStillChats(visitor, 'after the flood');
  });
});

describe('a flood of messages from one address', () => {
  let server: TestServer;
  afterEach(() => server.close());

  it('is refused with 429 and Retry-After once over the per-client budget', async () => {
    server = await startTestServer({ bot: new EchoBot(), env: { RATE_MESSAGES_PER_CLIENT: '20' } });
    const visitor = await DirectLineVisitor.arrive(server.url);
    const result = await flood(60, 1, (i) =>
      fetch(`${visitor.domain}/conversations/${visitor.conversationId}/activities`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${visitor.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ type: 'message', text: `m${i}` }),
      }),
    );
    expect(result.statuses.get(200)).toBe(20);
    expect(result.statuses.get(429)).toBe(40);
    expect(result.retryAfter.size).toBeGreaterThan(0);
  });
});

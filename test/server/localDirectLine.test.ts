import type { Activity } from 'botbuilder';
import { DEFAULT_DIRECT_LINE_LIMITS, LocalDirectLine, type DirectLineLimits, type IssuedToken } from '../../src/directline/localDirectLine';
import { REFRESH_OVERLAP_MS, TokenRegistry } from '../../src/directline/tokens';
import { silentLogger } from '../../src/log';

/** The Direct Line service alone, with a clock the test moves by hand. */
function service(limits: Partial<DirectLineLimits> = {}, runTurn = async (_activity: Partial<Activity>): Promise<Partial<Activity>[]> => []) {
  const clock = { now: 1_000_000 };
  const directLine = new LocalDirectLine({
    runTurn,
    bot: { id: 'bot', name: 'Bot' },
    channelId: 'directline',
    logger: silentLogger,
    limits: { ...DEFAULT_DIRECT_LINE_LIMITS, ...limits },
    now: () => clock.now,
  });
  return { directLine, clock };
}

const caller = (token: string | undefined) => ({ token, baseUrl: 'http://localhost:3978' });

function issue(directLine: LocalDirectLine): IssuedToken {
  const issued = directLine.issueToken();
  if ('status' in issued) throw new Error(`no token: ${issued.status}`);
  return issued;
}

describe('idle conversations', () => {
  it('are removed by the sweep, and their tokens stop working', () => {
    const { directLine, clock } = service({ idleSeconds: 600 });
    const idle = issue(directLine);
    const active = issue(directLine);
    clock.now += 400_000;
    expect(directLine.getActivities(caller(active.token), active.conversationId, '').status).toBe(200);
    clock.now += 300_000;
    directLine.sweep();
    expect(directLine.conversationCount).toBe(1);
    expect(directLine.getActivities(caller(idle.token), idle.conversationId, '').status).toBe(403);
    expect(directLine.getActivities(caller(active.token), active.conversationId, '').status).toBe(200);
  });

  it('are all dropped when the service closes', () => {
    const { directLine } = service();
    directLine.issueToken();
    directLine.start();
    directLine.close();
    expect(directLine.conversationCount).toBe(0);
  });
});

describe('a full service', () => {
  it('makes room for a new visitor only by dropping a token nobody used', () => {
    const { directLine } = service({ maxConversations: 3 });
    const talking = issue(directLine);
    directLine.startConversation(caller(talking.token), {});
    const unused = issue(directLine);
    issue(directLine);
    const newcomer = directLine.issueToken();
    expect(newcomer).toHaveProperty('token');
    expect(directLine.getActivities(caller(unused.token), unused.conversationId, '').status).toBe(403);
    expect(directLine.getActivities(caller(talking.token), talking.conversationId, '').status).toBe(200);
  });

  it('turns a new visitor away with 503 and Retry-After when every conversation is in use, keeping all of them', () => {
    const { directLine } = service({ maxConversations: 3 });
    const visitors = [issue(directLine), issue(directLine), issue(directLine)];
    for (const visitor of visitors) directLine.startConversation(caller(visitor.token), {});
    const refused = directLine.issueToken();
    expect(refused).toMatchObject({ status: 503, retryAfterSeconds: expect.any(Number) });
    for (const visitor of visitors) expect(directLine.getActivities(caller(visitor.token), visitor.conversationId, '').status).toBe(200);
  });
});

describe('tokens', () => {
  it('expire after their lifetime; a refreshed one lives on', () => {
    const clock = { now: 0 };
    const tokens = new TokenRegistry(60_000, () => clock.now);
    const first = tokens.issue('conversation-1', 'u_1');
    clock.now = 50_000;
    const second = tokens.refresh(first.token);
    clock.now = 70_000;
    expect(tokens.verify(first.token)).toBeUndefined();
    expect(tokens.verify(second?.token)).toMatchObject({ conversationId: 'conversation-1', userId: 'u_1' });
    clock.now = 200_000;
    tokens.sweep();
    expect(tokens.size).toBe(0);
  });

  it('are revoked by a refresh: the old one cannot be refreshed again and stops working after a short overlap', () => {
    const clock = { now: 0 };
    const tokens = new TokenRegistry(60_000, () => clock.now);
    const first = tokens.issue('conversation-1', 'u_1');
    const second = tokens.refresh(first.token);
    expect(tokens.refresh(first.token)).toBeUndefined();
    expect(tokens.verify(first.token)).toBeDefined();
    clock.now = REFRESH_OVERLAP_MS;
    expect(tokens.verify(first.token)).toBeUndefined();
    expect(tokens.verify(second?.token)).toBeDefined();
  });

  it('of one conversation never number more than two, however often it is refreshed', () => {
    const tokens = new TokenRegistry(60_000, () => 0);
    let current = tokens.issue('conversation-1', 'u_1').token;
    for (let i = 0; i < 1000; i++) current = tokens.refresh(current)!.token;
    expect(tokens.size).toBe(2);
  });

  it('are long random strings, different every time', () => {
    const tokens = new TokenRegistry(60_000);
    const issued = new Set(Array.from({ length: 100 }, () => tokens.issue('c', 'u').token));
    expect(issued.size).toBe(100);
    for (const token of issued) expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});

describe('turn queue', () => {
  it('answers 429 when a visitor floods a conversation faster than the bot replies', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    // Three turns may wait: the welcome and two messages.
    const { directLine } = service({ maxQueuedTurns: 3 }, async () => {
      await gate;
      return [{ type: 'message', text: 'done' }];
    });
    const { token, conversationId } = issue(directLine);
    directLine.startConversation(caller(token), {});
    const posts = [1, 2, 3].map((n) => directLine.postActivity(caller(token), conversationId, { type: 'message', text: `m${n}` }));
    expect((await posts[2])?.status).toBe(429);
    release();
    const statuses = (await Promise.all(posts.slice(0, 2))).map((reply) => reply.status);
    expect(statuses).toEqual([200, 200]);
  });
});

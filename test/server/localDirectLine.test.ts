import { MemoryStorage, type Activity, type Storage } from 'botbuilder';
import { randomBytes } from 'node:crypto';
import { DEFAULT_DIRECT_LINE_LIMITS, LocalDirectLine, type DirectLineLimits, type IssuedToken } from '../../src/directline/localDirectLine';
import { REFRESH_OVERLAP_MS, TokenSigner } from '../../src/directline/signedTokens';
import type { DirectLineReply } from '../../src/directline/protocol';
import { silentLogger } from '../../src/log';

type RunTurn = (activity: Partial<Activity>) => Promise<Partial<Activity>[]>;
const echo: RunTurn = async (activity) => (activity.type === 'message' ? [{ type: 'message', text: `echo: ${activity.text}` }] : []);

interface Setup {
  readonly storage: Storage;
  readonly key: Buffer;
  readonly clock: { now: number };
}

/** The Direct Line service alone, on a storage and key that a "restarted" service can reuse, with a clock the test moves by hand. */
function service(limits: Partial<DirectLineLimits> = {}, runTurn: RunTurn = echo, setup: Setup = { storage: new MemoryStorage(), key: randomBytes(32), clock: { now: 1_000_000 } }) {
  const directLine = new LocalDirectLine({
    runTurn,
    bot: { id: 'bot', name: 'Bot' },
    channelId: 'directline',
    logger: silentLogger,
    limits: { ...DEFAULT_DIRECT_LINE_LIMITS, ...limits },
    storage: setup.storage,
    tokenKey: setup.key,
    retentionSeconds: 3600,
    now: () => setup.clock.now,
  });
  return { directLine, clock: setup.clock, setup };
}

const caller = (token: string | undefined) => ({ token, baseUrl: 'http://localhost:3978' });
const texts = (reply: DirectLineReply) => (reply.body as { activities: Partial<Activity>[] }).activities.map((activity) => activity.text);
const refresh = async (directLine: LocalDirectLine, token: string) => (await directLine.refreshToken(caller(token))).body as { token: string } | undefined;

async function talking(directLine: LocalDirectLine): Promise<IssuedToken> {
  const issued = directLine.issueToken();
  await directLine.startConversation(caller(issued.token), {});
  return issued;
}

describe('a restart on the same storage and key', () => {
  it('keeps tokens, transcripts and watermarks: the visitor carries on where they were', async () => {
    const before = service();
    const visitor = await talking(before.directLine);
    await before.directLine.postActivity(caller(visitor.token), visitor.conversationId, { type: 'message', text: 'one', channelData: { clientActivityID: 'c1' } });
    const seen = (await before.directLine.getActivities(caller(visitor.token), visitor.conversationId, '')).body as { watermark: string };
    before.directLine.close();

    const after = service({}, echo, before.setup);
    expect((await after.directLine.getActivities(caller(visitor.token), visitor.conversationId, seen.watermark)).body).toEqual({ activities: [], watermark: seen.watermark });
    const posted = await after.directLine.postActivity(caller(visitor.token), visitor.conversationId, { type: 'message', text: 'two' });
    expect(posted.status).toBe(200);
    expect(texts(await after.directLine.getActivities(caller(visitor.token), visitor.conversationId, seen.watermark))).toEqual(['two', 'echo: two']);
    expect(texts(await after.directLine.getActivities(caller(visitor.token), visitor.conversationId, ''))).toEqual(['one', 'echo: one', 'two', 'echo: two']);
  });

  it('does not answer a message twice when the client sends it again after the restart', async () => {
    const before = service();
    const visitor = await talking(before.directLine);
    const body = { type: 'message', text: 'once', channelData: { clientActivityID: 'c-once' } };
    const first = await before.directLine.postActivity(caller(visitor.token), visitor.conversationId, body);
    const after = service({}, echo, before.setup);
    const again = await after.directLine.postActivity(caller(visitor.token), visitor.conversationId, body);
    expect(again).toEqual(first);
    expect(texts(await after.directLine.getActivities(caller(visitor.token), visitor.conversationId, ''))).toEqual(['once', 'echo: once']);
  });

  it('refuses the tokens of another key', async () => {
    const before = service();
    const visitor = await talking(before.directLine);
    const other = service({}, echo, { ...before.setup, key: randomBytes(32) });
    expect((await other.directLine.getActivities(caller(visitor.token), visitor.conversationId, '')).status).toBe(403);
  });
});

describe('idle conversations', () => {
  it('leave memory after the idle time, and come back from storage when used', async () => {
    const { directLine, clock } = service({ idleSeconds: 600 });
    const idle = await talking(directLine);
    const active = await talking(directLine);
    clock.now += 400_000;
    expect((await directLine.getActivities(caller(active.token), active.conversationId, '')).status).toBe(200);
    clock.now += 300_000;
    directLine.sweep();
    expect(directLine.conversationCount).toBe(1);
    expect((await directLine.getActivities(caller(idle.token), idle.conversationId, '')).status).toBe(200);
    expect(directLine.conversationCount).toBe(2);
  });

  it('are deleted once older than the retention period', async () => {
    const { directLine, clock } = service({ tokenLifetimeSeconds: 7200 });
    const visitor = await talking(directLine);
    const { token } = (await refresh(directLine, visitor.token))!;
    directLine.close();
    clock.now += 3_601_000;
    expect((await directLine.getActivities(caller(token), visitor.conversationId, '')).status).toBe(404);
  });
});

describe('tokens', () => {
  it('cost nothing until used: a flood of them leaves memory and storage empty', async () => {
    const storage = new MemoryStorage();
    const { directLine } = service({ maxConversations: 3 }, echo, { storage, key: randomBytes(32), clock: { now: 0 } });
    for (let i = 0; i < 100; i++) directLine.issueToken();
    expect(directLine.conversationCount).toBe(0);
    expect(JSON.stringify(storage)).not.toMatch(/directline-service/);
  });

  it('expire after their lifetime; a refreshed one lives on', async () => {
    const { directLine, clock } = service({ tokenLifetimeSeconds: 60 });
    const visitor = await talking(directLine);
    clock.now += 50_000;
    const second = (await refresh(directLine, visitor.token))!;
    clock.now += 20_000;
    expect((await directLine.getActivities(caller(visitor.token), visitor.conversationId, '')).status).toBe(403);
    expect((await directLine.getActivities(caller(second.token), visitor.conversationId, '')).status).toBe(200);
  });

  it('are revoked by a refresh: the old one cannot be refreshed again and stops working after a short overlap', async () => {
    const { directLine, clock } = service();
    const visitor = await talking(directLine);
    const second = (await refresh(directLine, visitor.token))!;
    expect((await directLine.refreshToken(caller(visitor.token))).status).toBe(403);
    expect((await directLine.getActivities(caller(visitor.token), visitor.conversationId, '')).status).toBe(200);
    clock.now += REFRESH_OVERLAP_MS;
    expect((await directLine.getActivities(caller(visitor.token), visitor.conversationId, '')).status).toBe(403);
    expect((await directLine.getActivities(caller(second.token), visitor.conversationId, '')).status).toBe(200);
  });

  it('give exactly one new token when the same one is refreshed twice at once', async () => {
    const { directLine } = service();
    const visitor = await talking(directLine);
    const statuses = (await Promise.all([directLine.refreshToken(caller(visitor.token)), directLine.refreshToken(caller(visitor.token))])).map((reply) => reply.status);
    expect(statuses.sort()).toEqual([200, 403]);
  });

  it('cannot be altered: a changed byte of the claims or the signature is refused', () => {
    const signer = new TokenSigner(randomBytes(32), 60_000);
    const { token } = signer.issue('conversation-1', 'u_1', 0);
    expect(signer.read(token)).toMatchObject({ conversationId: 'conversation-1', userId: 'u_1', generation: 0 });
    const [claims, signature] = token.split('.') as [string, string];
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(claims, 'base64url').toString()), c: 'conversation-2' })).toString('base64url');
    expect(signer.read(`${forged}.${signature}`)).toBeUndefined();
    expect(signer.read(`${claims}.${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`)).toBeUndefined();
    expect(signer.read('not-a-token')).toBeUndefined();
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
    const { token, conversationId } = await talking(directLine);
    const posts = [1, 2, 3].map((n) => directLine.postActivity(caller(token), conversationId, { type: 'message', text: `m${n}` }));
    expect((await posts[2])?.status).toBe(429);
    release();
    const statuses = (await Promise.all(posts.slice(0, 2))).map((reply) => reply.status);
    expect(statuses).toEqual([200, 200]);
  });
});

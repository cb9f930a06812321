import { randomBytes } from 'node:crypto';
import type { Activity } from 'botbuilder';
import { startTestApp, type TestApp } from '../support/app';
import { startAzurite, type Azurite } from '../support/azurite';
import { call, DirectLineVisitor, type ActivitySetBody } from '../support/directLine';
import { startRoundRobinProxy, type RoundRobinProxy } from '../support/roundRobinProxy';

/**
 * Two instances of the bot on one Blob container (Azurite), behind a proxy that sends each request
 * to the other instance: one conversation goes on as if there were one server.
 */

const answers = (visitor: DirectLineVisitor, text: string) => visitor.botTexts().filter((reply) => reply.includes(text));

describe('two instances sharing Blob storage, behind a round-robin proxy', () => {
  let azurite: Azurite;
  let apps: TestApp[] = [];
  let proxy: RoundRobinProxy;

  beforeAll(async () => {
    azurite = await startAzurite();
    const env = {
      STORAGE: 'blobs',
      BLOB_CONNECTION_STRING: azurite.connectionString,
      BLOB_CONTAINER: 'two-instances',
      DIRECT_LINE_TOKEN_KEY: randomBytes(32).toString('base64'),
      RATE_MESSAGES_PER_CLIENT: '0',
    };
    apps = [await startTestApp({ env }), await startTestApp({ env })];
    proxy = await startRoundRobinProxy(apps.map((app) => app.url));
  }, 120_000);
  afterAll(async () => {
    await proxy?.close();
    for (const app of apps) await app.close();
    await azurite?.stop();
  });

  it('serves one conversation, each request on the other instance: context, watermarks and tokens hold', async () => {
    const visitor = await DirectLineVisitor.arrive(proxy.url);
    await visitor.say('Where is the Tonale made?');
    await visitor.waitFor((activity) => activity.text?.includes('Pomigliano') ?? false);
    const refreshed = await call<{ token: string }>(`${visitor.domain}/tokens/refresh`, { method: 'POST', token: visitor.token });
    expect(refreshed.status).toBe(200);
    visitor.token = refreshed.body.token;
    await visitor.say('And the Giulia?');
    await visitor.waitFor((activity) => activity.text?.includes('Cassino') ?? false);

    // Both instances took part, and the transcript is whole and in order, each answer once.
    expect(proxy.served.every((count) => count >= 3)).toBe(true);
    expect(answers(visitor, 'The Tonale is made at the Pomigliano')).toHaveLength(1);
    expect(answers(visitor, 'The Giulia is made at the Cassino')).toHaveLength(1);
    const all = await call<ActivitySetBody>(`${visitor.domain}/conversations/${visitor.conversationId}/activities`, { token: visitor.token });
    const users = all.body.activities.filter((activity: Partial<Activity>) => activity.from?.role === 'user').map((activity) => activity.text);
    expect(users).toEqual(['Where is the Tonale made?', 'And the Giulia?']);
    const sequence = all.body.activities.map((activity) => Number(activity.id?.split('|')[1]));
    expect(sequence).toEqual(sequence.map((_, i) => i));
  });

  it("streams to a WebSocket on one instance what the other instance answered", async () => {
    const visitor = await DirectLineVisitor.arrive(proxy.url);
    const stream = await visitor.stream();
    try {
      // Two questions: one of them is posted to the instance that does not hold the stream.
      await visitor.say('Who owns Alfa Romeo?');
      await visitor.say('Where is the Giulia made?');
      for (;;) {
        const texts = stream.messages.flatMap((message) => (JSON.parse(message) as ActivitySetBody).activities.map((activity) => activity.text ?? ''));
        if (texts.some((text) => text.includes('Stellantis')) && texts.some((text) => text.includes('Cassino'))) break;
        await stream.waitForMessages(stream.messages.length + 1);
        if (stream.closed) throw new Error('the stream closed');
      }
    } finally {
      stream.close();
    }
  });
});

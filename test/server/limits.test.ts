/** Bounds on what /api/messages accepts and stores: id lengths, and messages a minute per conversation. */
import fs from 'node:fs';
import path from 'node:path';
import { startTestApp, type TestApp } from '../support/app';
import { ECHO_PREFIX } from '../support/echoBot';
import { ask, postToMessages, startTestServer, userMessage, type TestServer } from '../support/http';

function folderBytes(dir: string): number {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    total += entry.isDirectory() ? folderBytes(full) : fs.statSync(full).size;
  }
  return total;
}

describe('ids on /api/messages', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { MAX_ID_LENGTH: '256' } });
  });
  afterAll(() => app.close());

  const long = 'x'.repeat(120_000);
  it.each([
    ['conversation.id', { conversation: { id: long, isGroup: false, conversationType: 'personal', name: '' } }],
    ['from.id', { from: { id: long, name: 'User', role: 'user' } }],
    ['channelId', { channelId: long }],
  ])('refuses an over-long %s with 400, and stores nothing for it', async (field, overrides) => {
    const before = folderBytes(app.dataDir);
    for (let i = 0; i < 5; i++) {
      const response = await postToMessages(app.url, userMessage('Who owns Alfa Romeo?', overrides));
      expect(response.status).toBe(400);
      expect(response.body).toEqual({ error: expect.stringContaining(field) });
    }
    await new Promise((resolve) => setTimeout(resolve, 400)); // past the state's write delay
    expect(folderBytes(app.dataDir) - before).toBeLessThan(10_000);
  });

  it('accepts an id of exactly the limit', async () => {
    const id = 'c'.repeat(256);
    const replies = await ask(app.url, 'Who owns Alfa Romeo?', { conversation: { id, isGroup: false, conversationType: 'personal', name: '' } });
    expect(replies.map((reply) => reply.text).join(' ')).toContain('Stellantis');
  });
});

describe('messages a minute per conversation on /api/messages', () => {
  let server: TestServer;
  afterEach(() => server.close());

  it('answers 429 with Retry-After past the budget, and other conversations go on', async () => {
    server = await startTestServer({ env: { RATE_MESSAGES_PER_CONVERSATION: '5' } });
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 8; i++) {
      const response = await fetch(`${server.url}/api/messages`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(userMessage(`m${i}`, { conversation: { id: 'chatty', isGroup: false, conversationType: 'personal', name: '' } })),
      });
      await response.arrayBuffer();
      statuses.push(response.status);
      retryAfter = response.headers.get('retry-after') ?? retryAfter;
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
    expect(retryAfter).toMatch(/^[1-9]\d*$/);
    expect((await ask(server.url, 'quiet one', { conversation: { id: 'other', isGroup: false, conversationType: 'personal', name: '' } })).map((r) => r.text)).toEqual([`${ECHO_PREFIX}quiet one`]);
  });
});

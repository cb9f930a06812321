import { BotClient, buttonsOf, traceOf, visibleText } from '../../scripts/lib/botClient';
import { FIXTURE_KNOWLEDGE } from '../support/knowledge';
import { startTestApp, type TestApp } from '../support/app';

describe('the bot over HTTP (Bot Framework protocol, expectReplies)', () => {
  let app: TestApp;
  let client: BotClient;
  let conversation = 0;
  const ask = (text: string) => client.send(`http-${++conversation}`, text);

  beforeAll(async () => {
    app = await startTestApp();
    client = new BotClient(app.url, 'webchat');
  });
  afterAll(() => app.close());

  test.each([
    ['Where is the Tonale made?', ['Pomigliano'], ['Cassino', 'Toluca']],
    ['Who owns Alfa Romeo?', ['Stellantis'], []],
    ['Is the Stelvio built in Mexico?', ['No', 'Cassino'], []],
    ['Where is Alfa Romeo made?', ['Cassino', 'Pomigliano', 'Melfi', 'Modena', 'Toluca'], []],
    ['wher is the tonnale made', ['Pomigliano'], []],
  ])('%s', async (question, wanted, unwanted) => {
    const turn = await ask(question);
    expect(turn.status).toBe(200);
    const text = visibleText(turn);
    for (const w of wanted) expect(text).toContain(w);
    for (const u of unwanted) expect(text).not.toContain(u);
    expect(text).toMatch(/Sources?: \*.+\* \(/);
    expect(buttonsOf(turn).length).toBeGreaterThan(0);
  });

  test('a price question gets an honest "I don\'t know" and questions it can answer', async () => {
    const turn = await ask('How much does a Tonale cost?');
    expect(visibleText(turn)).toMatch(/don't know/i);
    expect(visibleText(turn)).not.toMatch(/\$|€|\d{2,}/);
    expect(buttonsOf(turn).length).toBeGreaterThanOrEqual(2);
  });

  test.each([[''], ['   '], ['👍🚗'], ['x'.repeat(10_000)], ['¿Dónde se fabrica el Tonale?'], ['asdf qwer zxcv']])(
    'odd message %#: a sensible reply, no error',
    async (text) => {
      const turn = await ask(text);
      expect(turn.status).toBe(200);
      expect(visibleText(turn).length).toBeGreaterThan(0);
      expect(visibleText(turn)).not.toMatch(/error|sorry, something went wrong/i);
    },
  );

  test('the Emulator channel gets a trace activity with intent, score, entities and facts', async () => {
    const turn = await new BotClient(app.url, 'emulator').send('trace-1', 'Where is the Tonale made?');
    const trace = traceOf(turn) as unknown as Record<string, unknown>;
    expect(trace).toMatchObject({ kind: 'answer', intent: expect.any(String), route: 'facts' });
    expect(trace.score).toBeGreaterThan(0.5);
    expect(JSON.stringify(trace.entities)).toContain('Tonale');
    expect((trace.facts as string[]).length).toBeGreaterThan(0);
  });

  test('other channels get only the messages: no answer trace, no dialog state snapshot', async () => {
    const turn = await ask('Where is the Tonale made?');
    expect(turn.activities.length).toBeGreaterThan(0);
    expect(turn.activities.filter((a) => a.type !== 'message')).toEqual([]);
  });

  test('in Teams the @-mention is removed and buttons come in a card', async () => {
    const teams = new BotClient(app.url, 'msteams');
    const activity = teams.activity('teams-1', '<at>FAQ Bot</at> Who owns Alfa Romeo?', {
      entities: [{ type: 'mention', mentioned: { id: 'bot', name: 'FAQ Bot' }, text: '<at>FAQ Bot</at>' }],
      conversation: { id: 'teams-1', isGroup: true, conversationType: 'channel', name: 'General' },
    });
    const turn = await teams.post(activity);
    expect(visibleText(turn)).toContain('Stellantis');
    const message = turn.activities.find((a) => a.type === 'message')!;
    expect(message.attachments?.[0]?.contentType).toBe('application/vnd.microsoft.card.hero');
    expect(message.suggestedActions).toBeUndefined();
  });

  test('a user joining gets the welcome with questions to try', async () => {
    const turn = await client.post({
      ...client.activity('welcome-1', ''),
      type: 'conversationUpdate',
      text: undefined,
      membersAdded: [{ id: 'user-welcome-1', name: 'User' }],
    });
    expect(visibleText(turn)).toMatch(/hi/i);
    expect(buttonsOf(turn).length).toBeGreaterThanOrEqual(3);
  });

  test('installing the app in Teams gets the welcome, with buttons in a card', async () => {
    const teams = new BotClient(app.url, 'msteams');
    const turn = await teams.post({ ...teams.activity('install-1', ''), type: 'installationUpdate', action: 'add', text: undefined });
    expect(visibleText(turn)).toMatch(/hi/i);
    const message = turn.activities.find((a) => a.type === 'message')!;
    expect(message.attachments?.[0]?.contentType).toBe('application/vnd.microsoft.card.hero');
    expect(buttonsOf(turn).length).toBeGreaterThanOrEqual(3);
  });

  test('GET /healthz reports the knowledge version and counts', async () => {
    const response = await fetch(`${app.url}/healthz`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { knowledge: { version: string; facts: number; intents: number } };
    expect(body.knowledge.version).toMatch(/^[0-9a-f]{16}$/);
    expect(body.knowledge.facts).toBeGreaterThan(20);
  });

  test('malformed requests get a 4xx and the bot keeps answering', async () => {
    const bad = await fetch(`${app.url}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"type": "message", ' });
    expect(bad.status).toBe(400);
    const noConversation = await fetch(`${app.url}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ type: 'message', text: 'hi', from: { id: 'u' } }) });
    expect(noConversation.status).toBe(400);
    expect(visibleText(await ask('Who owns Alfa Romeo?'))).toContain('Stellantis');
  });
});

describe('the same bot on another knowledge base, with no code change', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ knowledgeDir: FIXTURE_KNOWLEDGE });
  });
  afterAll(() => app.close());

  test('answers from the bicycle knowledge base, cited', async () => {
    const turn = await new BotClient(app.url, 'webchat').send('bikes-1', 'Where is the Terra made?');
    expect(visibleText(turn)).toContain('Porto Workshop');
    expect(visibleText(turn)).toContain('The Velora Story');
  });
});

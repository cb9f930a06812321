import { BotClient, buttonsOf, traceOf, visibleText } from '../../scripts/lib/botClient';
import { startTestApp, type TestApp } from '../support/app';
import { engineFor, PRODUCT_KNOWLEDGE } from '../support/knowledge';

describe('conversations over HTTP', () => {
  let app: TestApp;
  let client: BotClient;
  let n = 0;
  beforeAll(async () => {
    app = await startTestApp();
    client = new BotClient(app.url, 'emulator');
  });
  afterAll(() => app.close());

  /** Plays a conversation: each line is [user says, texts the reply must contain]. */
  async function play(lines: [string, string[]][]) {
    const conversation = `conv-${++n}`;
    for (const [say, wanted] of lines) {
      const text = visibleText(await client.send(conversation, say));
      for (const w of wanted) expect({ say, text }).toEqual({ say, text: expect.stringContaining(w) });
    }
  }

  test('ellipsis: another model, another plant', () =>
    play([
      ['Where is the Tonale made?', ['Pomigliano']],
      ['And the Giulia?', ['Cassino']],
      ['Which models are made at Cassino?', ['Giulia', 'Stelvio']],
      ['And at Pomigliano?', ['Tonale']],
    ]));

  test('references: there, it, that, where', () =>
    play([
      ['Where is the Giulia made?', ['Cassino']],
      ['What else is built there?', ['Stelvio']],
      ['When was Alfa Romeo founded?', ['1910']],
      ['Where?', ['Milan']],
    ]));

  test('provenance of the last answer', () =>
    play([
      ['Who is the CEO of Alfa Romeo?', ['Imparato']],
      ['What did he say about sedans?', ['sedan']],
      ['Who said that?', ['Imparato']],
    ]));

  test('an unrelated question in between does not break the next follow-up', () =>
    play([
      ['Where is the Tonale made?', ['Pomigliano']],
      ['thanks!', []],
      ['And the Stelvio?', ['Cassino']],
    ]));

  test('a clarification, answered by clicking a choice', async () => {
    const conversation = `conv-${++n}`;
    const question = await client.send(conversation, 'Where is it made?');
    expect(traceOf(question)?.kind).toBe('clarify');
    expect(buttonsOf(question)).toEqual(expect.arrayContaining(['Giulia', 'Stelvio', 'Tonale']));
    expect(visibleText(await client.send(conversation, 'Tonale'))).toContain('Pomigliano');
  });

  test('a clarification naming something the knowledge does not have gets an honest answer', async () => {
    const conversation = `conv-${++n}`;
    await client.send(conversation, 'Where is it made?');
    const reply = await client.send(conversation, 'the 4C');
    expect(traceOf(reply)?.kind).toBe('unknown');
    expect(visibleText(reply)).toMatch(/don't know/);
  });
});

describe('every suggestion the bot offers gets a real answer', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  test('follow-ups of every intent, starter questions and the welcome', async () => {
    const { store } = await engineFor(PRODUCT_KNOWLEDGE);
    const suggestions = new Set([...store.data.bot.starterQuestions, ...store.data.intents.flatMap((i) => i.followUps ?? [])]);
    expect(suggestions.size).toBeGreaterThan(10);
    const client = new BotClient(app.url, 'emulator');
    const failures: string[] = [];
    let i = 0;
    for (const suggestion of suggestions) {
      const reply = await client.send(`suggestion-${i++}`, suggestion);
      const trace = traceOf(reply);
      if (trace?.kind !== 'answer') failures.push(`${suggestion} → ${trace?.kind}: ${visibleText(reply).slice(0, 80)}`);
    }
    expect(failures).toEqual([]);
  });
});

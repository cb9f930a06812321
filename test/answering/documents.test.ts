/** Answers from documents no one curated: a documents-only knowledge base, and extra documents beside curated knowledge. */
import { DOCUMENTS_ONLY_KNOWLEDGE, engineFor, WITH_EXTRA_DOCUMENTS } from '../support/knowledge';

const askIn = (dir: string) => async (text: string) => (await engineFor(dir)).engine.ask(text, {});

describe('a knowledge base made only of documents (a library)', () => {
  const ask = askIn(DOCUMENTS_ONLY_KNOWLEDGE);

  test.each([
    ['opening hours?', '9 a.m. to 8 p.m.'],
    ['how much is the late fee?', '25 cents a day'],
    ['is there wifi', 'RPL-Public'],
    ['when was the library founded?', '1921'],
  ])('%s → %s, cited', async (question, expected) => {
    const reply = await ask(question);
    expect(reply.kind).toBe('answer');
    expect(reply.text).toContain(expected);
    if (reply.kind === 'answer') expect(reply.citations.length).toBeGreaterThan(0);
  });

  test('a role two dated articles disagree on: the newer holder, the older source mentioned', async () => {
    const reply = await ask('who is the head librarian?');
    expect(reply.text).toMatch(/^The head librarian of Riverside Public Library is David Alvarez\./);
    expect(reply.text).toContain('(2024-04-12) says');
    if (reply.kind === 'answer') expect(reply.citations.map((c) => c.date)).toEqual(['2025-06-03', '2024-04-12']);
  });

  test.each(['how much does a 3D printer cost?', 'what is the price of a museum pass?'])('%s: no amount stated, so "I don\'t know"', async (question) => {
    expect((await ask(question)).kind).toBe('unknown');
  });
});

describe('curated knowledge with an un-curated FAQ page and a newer article beside it', () => {
  const ask = askIn(WITH_EXTRA_DOCUMENTS);

  test('the newer article names another chief executive: it wins, and the curated one is mentioned with its source', async () => {
    const reply = await ask('who runs alfa romeo now?');
    expect(reply.text).toMatch(/Santo Ficili/);
    expect(reply.text).toMatch(/Note: “Alfa Romeo Considers Assembling EVs In America” \(2023\) says .*Imparato/);
  });

  test('the newer article changes a plan the curated facts state: the newer plan first, with its date', async () => {
    const reply = await ask('will alfa romeo sell only electric cars?');
    expect(reply.text).toMatch(/^According to “Alfa Romeo Drops Its All-Electric Deadline, Keeps Hybrids” \(2025\)/);
    expect(reply.text).toContain('will not become an all-electric brand');
    expect(reply.text).toContain('(2023) says');
  });

  test('a newer passage that agrees with the curated answer leaves it as it is', async () => {
    expect((await ask('Where is the Tonale made?')).text).toBe('The Tonale is made at the Pomigliano d’Arco Plant (Italy).');
  });

  test.each([
    ['when are you open?', 'Monday to Friday'],
    ['how long is the warranty?', 'three years'],
  ])('the dealer FAQ page answers paraphrases: %s', async (question, expected) => {
    const reply = await ask(question);
    expect(reply.kind).toBe('answer');
    expect(reply.text).toContain(expected);
  });

  test('a price nobody states is not invented', async () => {
    expect((await ask('how much is a Giulia?')).kind).toBe('unknown');
  });
});

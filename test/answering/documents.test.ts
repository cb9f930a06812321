/** Answers from documents no one curated: a documents-only knowledge base, and extra documents beside curated knowledge. */
import { DOCUMENTS_ONLY_KNOWLEDGE, engineFor, ITALIAN_DOCUMENTS_KNOWLEDGE, PRODUCT_KNOWLEDGE, WITH_EXTRA_DOCUMENTS } from '../support/knowledge';

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

describe('a knowledge base of documents in Italian (a dealer\'s pages, `languages: [it]`)', () => {
  const ask = askIn(ITALIAN_DOCUMENTS_KNOWLEDGE);

  test.each([
    ['chi è il responsabile del reparto elettrico?', 'Marco Bianchi'],
    ['quante colonnine di ricarica avete?', 'dieci colonnine'],
    // A date as the language writes it: "1° dicembre", not the passage with a time of day.
    ['quando apre il nuovo reparto elettrico?', '1° dicembre'],
    ['dove siete?', 'via Emilia 120'],
  ])('%s → %s, quoted and cited', async (question, expected) => {
    const reply = await ask(question);
    expect(reply.kind).toBe('answer');
    expect(reply.text).toContain(expected);
    if (reply.kind === 'answer') expect(reply.citations.length).toBeGreaterThan(0);
  });

  test.each(['quanto costa una Tonale?', 'avete auto a noleggio?'])('%s: the pages do not say, so "non lo so"', async (question) => {
    const reply = await ask(question);
    expect([reply.kind, reply.text]).toEqual(['unknown', expect.stringContaining('non lo so')]);
  });

  test('an English question to an Italian-only knowledge base gets the languages it speaks', async () => {
    const reply = await ask('Where are you located?');
    expect([reply.kind, reply.trace.route]).toEqual(['unknown', 'unsupported-language']);
  });
});

describe('questions in another language than the documents, found by the names they share', () => {
  const ask = askIn(PRODUCT_KNOWLEDGE);

  test('two names of the question in one sentence: quoted in its language, after a lead-in in the question\'s', async () => {
    const reply = await ask('Cosa ha detto Imparato sulla BMW X5?');
    expect(reply.kind).toBe('answer');
    expect(reply.text).toMatch(/^Ecco cosa dicono le mie fonti \(in inglese\): “[^”]*BMW[^”]*X5/);
  });

  test('a price asked about two named things is not answered by a sentence naming them', async () => {
    expect((await ask('Quanto costa la Giulia prodotta a Cassino?')).kind).toBe('unknown');
  });
});

describe('a fact about something the knowledge never names', () => {
  const ask = askIn(PRODUCT_KNOWLEDGE);

  test('is declined, naming it, rather than answered about the brand', async () => {
    const reply = await ask('Where are the Maserati cars built?');
    expect([reply.kind, reply.text]).toEqual(['unknown', expect.stringContaining('“Maserati”')]);
  });

  test('a known thing named beside it is still answered', async () => {
    expect((await ask('Where is the Giulia made, the one Maserati fans like?')).text).toContain('Cassino');
  });
});

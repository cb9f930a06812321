import { engineFor, FIXTURE_KNOWLEDGE } from '../support/knowledge';

describe('the engine on a second knowledge base (bicycles)', () => {
  const ask = async (text: string, memory = {}) => (await engineFor(FIXTURE_KNOWLEDGE)).engine.ask(text, memory);

  test.each([
    ['Where is the Strada built?', 'Utrecht Workshop (Netherlands)'],
    ['where do they make the terra', 'Porto Workshop'],
    ['Who owns Velora?', 'Nordhaven Group'],
    ['When was Velora founded?', '1987'],
    ['Do Velora bikes have a warranty?', 'ten-year warranty'],
  ])('%s → %s', async (question, expected) => {
    const reply = await ask(question);
    expect(reply.kind).toBe('answer');
    expect(reply.text).toContain(expected);
    if (reply.kind === 'answer') expect(reply.citations[0]?.title).toBe('The Velora Story');
  });

  test('a yes/no question is answered yes or no first', async () => {
    expect((await ask('Is the Terra built in Portugal?')).text).toMatch(/^Yes\. The Terra is built at the Porto Workshop/);
    expect((await ask('Is the Strada built in Portugal?')).text).toMatch(/^No\. The Strada is built at the Utrecht Workshop/);
  });

  test('out of scope gets an honest "I don\'t know" with questions it can answer', async () => {
    const reply = await ask('How much does a Strada cost?');
    expect(reply.kind).toBe('unknown');
    expect(reply.suggestions.length).toBeGreaterThan(0);
  });

  test.each(['¿Dónde se fabrica la Strada?', 'Où est fabriquée la Terra ?', 'qwertz asdfgh yxcvbn'])('%s: says it did not understand, and offers questions', async (text) => {
    const reply = await ask(text);
    expect(reply.kind).toBe('unknown');
    expect(reply.text).toBe('Sorry, I did not understand that.');
    expect(reply.suggestions.length).toBeGreaterThan(0);
  });

  test('a follow-up fragment reuses the last question', async () => {
    const first = await ask('Where is the Strada built?');
    if (first.kind !== 'answer') throw new Error('expected an answer');
    const second = await ask('And the Terra?', first.memory);
    expect(second.text).toContain('Porto Workshop');
  });

  test('a question without its entity asks which one', async () => {
    const reply = await ask('Where is it built?');
    expect(reply.kind).toBe('clarify');
    if (reply.kind === 'clarify') expect(reply.choices.map((c) => c.title)).toEqual(['Strada', 'Terra']);
  });
});

import { groupQuestions, similarity } from '../../src/feedback/groupQuestions';
import { meaningReader } from '../../src/feedback/questionMeaning';
import { engineFor, PRODUCT_KNOWLEDGE } from '../support/knowledge';
import { normalizeQuestion, questionTokens } from '../../src/feedback/questionText';
import type { Guess, UnansweredRecord } from '../../src/feedback/unansweredStore';

let minute = 0;
function asked(text: string, guess?: string, conversationId = `c${minute}`): UnansweredRecord {
  minute++;
  const guesses: Guess[] = guess ? [{ intent: guess, score: 0.4 }, { intent: 'other', score: 0.1 }] : [];
  return { text, time: new Date(Date.UTC(2025, 4, 1, 9, minute)).toISOString(), conversationId, guesses };
}

beforeEach(() => {
  minute = 0;
});

describe('normalizeQuestion', () => {
  it.each([
    ["What's the PRICE of the Tonale?!", 'whats the price of the tonale'],
    ['  Quanto costa   la Giulietta, però? ', 'quanto costa la giulietta pero'],
    ['Crème brûlée—naïve façade', 'creme brulee naive facade'],
    ['what’s', 'whats'],
  ])('%j becomes %j', (text, expected) => {
    expect(normalizeQuestion(text)).toBe(expected);
  });

  it('keeps the words that carry meaning', () => {
    expect(questionTokens(normalizeQuestion('How much does the Tonale cost?'))).toEqual(['much', 'tonale', 'cost']);
    expect(questionTokens(normalizeQuestion('What is it?'))).toEqual(['what', 'is', 'it']);
  });
});

describe('similarity', () => {
  it.each([
    [['price', 'tonale'], ['prices', 'tonale'], 1],
    [['much', 'tonale'], ['much', 'tonale', 'cost'], 2 / 3],
    [['charge', 'time'], ['change', 'time'], 1 / 3],
    [[], [], 1],
  ])('of %j and %j is %d', (a, b, expected) => {
    expect(similarity(a, b)).toBeCloseTo(expected);
  });
});

describe('groupQuestions', () => {
  it('puts rewordings, typos and other cases of one question together', () => {
    const groups = groupQuestions([
      asked('whats the price of the tonale'),
      asked("What's the price of a Tonale?"),
      asked('what is the price of the tonalle'),
      asked('Tonale prices?'),
      asked('how much is a tonale'),
      asked('How much does the Tonale cost?'),
    ]);
    expect(groups.map((group) => group.count)).toEqual([4, 2]);
    const wordings = groups.map((group) => [group.representative, ...group.variants].sort());
    expect(wordings).toEqual([
      ['Tonale prices?', "What's the price of a Tonale?", 'what is the price of the tonalle', 'whats the price of the tonale'],
      ['How much does the Tonale cost?', 'how much is a tonale'],
    ]);
  });

  it('keeps unrelated questions apart, even about the same thing', () => {
    const groups = groupQuestions([
      asked('how much is a tonale'),
      asked('how much is a junior'),
      asked('what colours does the tonale come in'),
      asked('what colours does the junior come in'),
      asked('when are you open on saturday'),
      asked('how long does it take to charge'),
      asked('how long does it take to change the oil'),
    ]);
    expect(groups).toHaveLength(7);
    expect(groups.every((group) => group.count === 1)).toBe(true);
  });

  it('orders by count, then by the most recent question', () => {
    const groups = groupQuestions([
      asked('opening hours on sunday'),
      asked('is there a warranty on batteries'),
      asked('opening hours sunday?'),
      asked('do you deliver abroad'),
      asked('battery warranty'),
      asked('is there a warranty on the batteries?'),
      asked('Opening hours on Sunday'),
    ]);
    expect(groups.map((group) => [group.count, group.representative])).toEqual([
      [3, 'Opening hours on Sunday'],
      [2, 'is there a warranty on the batteries?'],
      [1, 'battery warranty'],
      [1, 'do you deliver abroad'],
    ]);
  });

  it('summarises each group: most asked wording, times, conversations, the usual best guess', () => {
    const [group] = groupQuestions([
      asked('can I lease a tonale', 'finance', 'c1'),
      asked('Can I lease a Tonale?', 'finance', 'c2'),
      asked('can i lease a tonale', 'test-drive', 'c1'),
      asked('can I lease a tonale', 'finance', 'c3'),
      asked('lease a tonale'),
    ]);
    expect(group).toEqual({
      representative: 'can I lease a tonale',
      count: 5,
      conversations: 4,
      firstTime: '2025-05-01T09:01:00.000Z',
      lastTime: '2025-05-01T09:05:00.000Z',
      variants: ['lease a tonale', 'can i lease a tonale', 'Can I lease a Tonale?'],
      topGuess: { intent: 'finance', count: 3 },
    });
  });

  it('shows no best guess when the classifier offered none, and caps the variants', () => {
    const texts = ['where are you', 'where are you?', 'Where are you', 'WHERE ARE YOU', 'where are you!', 'where  are you??', 'where are u you'];
    const [group] = groupQuestions(texts.map((text) => asked(text)), { maxVariants: 2 });
    expect(group!.topGuess).toBeUndefined();
    expect(group!.variants).toHaveLength(2);
  });

  it('returns nothing for nothing', () => {
    expect(groupQuestions([])).toEqual([]);
  });
});

describe('groupQuestions, read through the understanding pipeline', () => {
  it('puts "price of the X" with "how much is the Y", and keeps other questions apart', async () => {
    const meaning = meaningReader((await engineFor(PRODUCT_KNOWLEDGE)).understanding);
    const groups = groupQuestions([
      asked('whats the price of the giulia'),
      asked('how much is the Stelvio?'),
      asked('How much does a Tonale cost'),
      asked('what colours does the giulia come in'),
      asked('is there a dealer in Leeds'),
    ], { meaning });
    expect(groups.map((group) => [group.representative, ...group.variants].sort())).toEqual([
      ['How much does a Tonale cost', 'how much is the Stelvio?', 'whats the price of the giulia'],
      ['is there a dealer in Leeds'], // groups of one: the most recent first
      ['what colours does the giulia come in'],
    ]);
  });
});

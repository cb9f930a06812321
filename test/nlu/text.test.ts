import { normalize, tokenize, words } from '../../src/nlu/text';

describe('normalisation and tokenising', () => {
  test('folds case, accents and curly quotes', () => {
    expect(normalize('Pomigliano d’Arco — Città')).toBe("pomigliano d'arco - citta");
  });

  test.each([
    ["Tonale's plant", ['tonale', 'plant']],
    ['Tonale’s plant', ['tonale', 'plant']],
    ["Pomigliano d'Arco", ['pomigliano', 'd', 'arco']],
    ['Pomigliano d’Arco', ['pomigliano', 'd', 'arco']],
    ['the U.S. plant', ['the', 'us', 'plant']],
    ["it isn't built", ['it', 'is', 'not', 'built']],
    ['Where is it made?!', ['where', 'is', 'it', 'made']],
    ['👍🚗', []],
  ])('%s', (text, expected) => {
    expect(words(text)).toEqual(expected);
  });

  test('keeps the surface form for case-sensitive names', () => {
    expect(tokenize('made in the US').map((t) => t.surface)).toEqual(['made', 'in', 'the', 'US']);
  });
});

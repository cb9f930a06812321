import { SpellingCorrector } from '../../src/nlu/spelling';

describe('spelling correction against the knowledge base vocabulary', () => {
  const corrector = new SpellingCorrector(new Map([['where', 40], ['tonale', 12], ['owns', 5], ['stelvio', 6], ['pomigliano', 3], ['leather', 1], ['made', 20]]));

  test.each([
    ['tonnale', 'tonale'],
    ['wher', 'where'],
    ['ownz', 'owns'],
    ['stelvo', 'stelvio'],
    ['pomiglano', 'pomigliano'],
    ['pomigiano', 'pomigliano'],
  ])('%s → %s', (typo, fixed) => {
    expect(corrector.correct(typo)).toBe(fixed);
  });

  test.each(['weather', 'where', 'price', 'xyzzyq', 'is', '2027'])('leaves %s alone', (word) => {
    expect(corrector.correct(word)).toBe(word);
  });
});

import { synonymTable, withSynonyms } from '../../src/nlu/synonyms';
import { stem } from '../../src/nlu/stem';

describe('WordNet synonyms', () => {
  const known = new Set(['car', 'film', 'start'].map(stem));
  const table = synonymTable(known);

  test('a word the training texts never used leads to the known words that share a common sense', () => {
    expect(table.get(stem('automobile'))).toEqual([stem('car')]);
    expect(table.get(stem('movie'))).toEqual([stem('film')]);
    expect(table.get(stem('begin'))).toEqual([stem('start')]);
  });

  test('known words and words with no known synonym are not in the table', () => {
    expect(table.has(stem('car'))).toBe(false);
    expect(table.has(stem('password'))).toBe(false);
  });

  test('synonyms are added to the features, which stay as they were', () => {
    expect(withSynonyms([stem('movie'), '#mov', '^how'], table)).toEqual([stem('movie'), '#mov', '^how', stem('film')]);
  });
});

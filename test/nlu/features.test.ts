import type { EntityMatch } from '../../src/nlu/entities';
import { TRIGRAM, features, trigrams } from '../../src/nlu/features';
import { tokenize } from '../../src/nlu/text';

const place: EntityMatch = { start: 3, end: 4, text: 'Cassino', entities: [{ id: 'cassino', type: 'place' }] };

describe('classifier features', () => {
  test('character trigrams mark the word boundaries', () => {
    expect(trigrams('print')).toEqual(['<pr', 'pri', 'rin', 'int', 'nt>'].map((t) => TRIGRAM + t));
    expect(trigrams('go')).toEqual([TRIGRAM + '<go', TRIGRAM + 'go>']);
  });

  test('stems, the first word and trigrams; no bigrams away from entities', () => {
    const out = features(tokenize('Which printers work'), []);
    expect(out).toEqual(expect.arrayContaining(['which', 'printer', 'work', '^which', TRIGRAM + 'rin']));
    expect(out.some((f) => f.includes('_'))).toBe(false);
  });

  test('an entity mention becomes its type, with bigrams on both sides and no trigrams of its own', () => {
    const out = features(tokenize('what is made in Cassino'), [{ ...place, start: 4, end: 5 }]);
    expect(out).toEqual(expect.arrayContaining(['@place', 'in_@place']));
    expect(out).not.toContain('cassino');
    expect(out.filter((f) => f.startsWith(TRIGRAM + '<ca'))).toEqual([]);
  });

  test('filler words are not features on their own but still give trigrams and entity bigrams', () => {
    const out = features(tokenize('the car of Cassino'), [place]);
    expect(out).not.toContain('the');
    expect(out).toContain('of_@place');
    expect(out).toContain(TRIGRAM + '<th');
  });
});

import { EntityRecognizer } from '../../src/nlu/entities';
import { tokenize } from '../../src/nlu/text';

describe('entity recognition from names and aliases', () => {
  const recognizer = new EntityRecognizer([
    { id: 'pomigliano', type: 'plant', name: 'Pomigliano d’Arco Plant', aliases: ['Pomigliano d’Arco', 'Pomigliano'] },
    { id: 'giulia', type: 'model', name: 'Giulia' },
    { id: 'us', type: 'country', name: 'United States', aliases: ['US', 'U.S.', 'America'] },
    { id: 'cassino-plant', type: 'plant', name: 'Cassino Plant', aliases: ['Cassino'] },
    { id: 'cassino-town', type: 'city', name: 'Cassino' },
  ]);
  const ids = (text: string) => recognizer.recognize(tokenize(text)).map((m) => m.entities.map((e) => e.id).join('|'));

  test.each([
    ["Is Pomigliano d'Arco in Italy?", ['pomigliano']],
    ['the Pomigliano d’Arco plant', ['pomigliano']],
    ['Pomigliano', ['pomigliano']],
    ['two Giulias', ['giulia']],
    ["the Giulia's plant", ['giulia']],
    ['GIULIA', ['giulia']],
    ['a plant in the U.S.', ['us']],
    ['a plant in the US', ['us']],
    ['tell us more', []],
    ['Cassino', ['cassino-plant|cassino-town']],
  ])('%s', (text, expected) => {
    expect(ids(text)).toEqual(expected);
  });

  test('prefers the longest name', () => {
    const [match] = recognizer.recognize(tokenize('Pomigliano d’Arco Plant'));
    expect(match).toMatchObject({ start: 0, end: 4 });
  });
});

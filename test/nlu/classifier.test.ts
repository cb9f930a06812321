import { IntentClassifier } from '../../src/nlu/classifier';
import { trainUnderstanding } from '../../src/nlu/training';
import { NONE, Understanding, type UnderstandingModel } from '../../src/nlu/understanding';

const examples = [
  ['where is it made', 'plant'], ['which factory builds it', 'plant'], ['where is it produced', 'plant'], ['where do they build it', 'plant'],
  ['who owns the company', 'owner'], ['which group owns it', 'owner'], ['who is the owner', 'owner'], ['owned by whom', 'owner'],
  ['when was it founded', 'founded'], ['what year did it start', 'founded'], ['how old is the company', 'founded'], ['founding date', 'founded'],
  ['how much does it cost', NONE], ['what is the weather', NONE], ['tell me a joke', NONE], ['book a test drive', NONE],
].map(([text, label]) => ({ text: text!, label: label! }));

describe('the intent classifier', () => {
  let model: UnderstandingModel;
  let understanding: Understanding;
  beforeAll(async () => {
    model = await trainUnderstanding(examples, []);
    understanding = new Understanding(model, []);
  });

  test.each([
    ['Where is this car manufactured?', 'plant'],
    ['who ownz it', 'owner'],
    ['When was the company founded?', 'founded'],
    ['how much is it', NONE],
  ])('%s → %s', (text, label) => {
    expect(understanding.analyse(text).intent).toBe(label);
  });

  test('scores are probabilities, best first', () => {
    const { ranking } = understanding.analyse('who owns it');
    expect(ranking[0]!.label).toBe('owner');
    expect(ranking.reduce((sum, p) => sum + p.score, 0)).toBeCloseTo(1, 5);
    expect(ranking[0]!.score).toBeGreaterThan(ranking[1]!.score);
  });

  test('gibberish is not trusted', () => {
    expect(understanding.analyse('qwpoeiru zmxncbv').intent).toBe(NONE);
  });

  test('training is deterministic and the model survives saving', async () => {
    const again = await trainUnderstanding(examples, []);
    expect(again.classifier.rows).toEqual(model.classifier.rows);
    const reloaded = IntentClassifier.load(JSON.parse(JSON.stringify(model.classifier)));
    expect(reloaded.predict(['own'])[0]!.label).toBe('owner');
  });

  test('a model file whose tables disagree is refused', () => {
    expect(() => IntentClassifier.load({ ...model.classifier, bias: [1] })).toThrow(/inconsistent/);
  });
});

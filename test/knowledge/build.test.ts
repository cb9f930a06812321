import fs from 'node:fs';
import path from 'node:path';
import { buildKnowledge, builtVersion, knowledgeVersion, writeBuild } from '../../src/knowledge/build';
import { readKnowledge } from '../../src/knowledge/read';
import { copyKnowledge, FIXTURE_KNOWLEDGE, PRODUCT_KNOWLEDGE } from '../support/knowledge';

describe('the knowledge build', () => {
  test('every sentence of the original articles is kept verbatim', () => {
    const files = readKnowledge(PRODUCT_KNOWLEDGE);
    // The articles exactly as they were supplied, before conversion to markdown.
    const originalsDir = path.join(__dirname, '../fixtures/originals');
    const originals = fs.readdirSync(originalsDir).map((f) => fs.readFileSync(path.join(originalsDir, f), 'utf8'));
    expect(originals.length).toBe(files.sources.length);
    const sentences = files.sources.flatMap((s) => s.sentences);
    expect(sentences.length).toBeGreaterThan(40);
    const collapse = (t: string) => t.replace(/\s+/g, ' ');
    const everything = originals.map(collapse).join(' ');
    for (const sentence of sentences) expect(everything).toContain(sentence.text);
  });

  test('the FAQ sections become question-and-answer entries', () => {
    const faq = readKnowledge(PRODUCT_KNOWLEDGE).sources.flatMap((s) => s.faq);
    expect(faq.map((f) => f.question)).toEqual(expect.arrayContaining(['Where Is Alfa Romeo Made?', 'Are Alfa Romeo Cars Reliable?']));
    expect(faq.find((f) => f.question === 'Are Alfa Romeo Cars Reliable?')!.answer).toMatch(/^Alfa Romeo has made significant improvements in reliability/);
  });

  test('every fact cites a source and quotes it', () => {
    const { facts } = readKnowledge(PRODUCT_KNOWLEDGE);
    expect(facts.length).toBeGreaterThan(30);
    for (const fact of facts) {
      expect(fact.source).toBeTruthy();
      expect(fact.quote.length).toBeGreaterThan(5);
    }
  });

  test('a quote that is not in its source stops the build and names the fact', async () => {
    const dir = copyKnowledge(FIXTURE_KNOWLEDGE);
    const file = path.join(dir, 'facts.yaml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('quote: Velora Bikes was founded in Utrecht in 1987.', 'quote: Velora Bikes was founded in Utrecht in 1986.'));
    await expect(buildKnowledge(dir)).rejects.toThrow(/fact "velora-founded-1987": quote not found in source "velora-story"/);
  });

  test.each([
    ['entities.yaml', 'type: bike, name: Strada,', 'type: bike, name: "",', /entity "strada": "name" must be a non-empty text/],
    ['facts.yaml', 'object: porto-workshop', 'object: lisbon-workshop', /fact "terra-built-at-porto": object "lisbon-workshop" is not in entities.yaml/],
    ['facts.yaml', 'relation: foundedIn\n', 'relation: startedIn\n', /relation "startedIn" is not declared/],
    ['intents.yaml', 'about: bike', 'about: boat', /intent "bike-workshop": no entity has the type "boat"/],
    ['intents.yaml', 'examples: [hi, hello', 'examples: [hi, "hello', /intents.yaml: not valid YAML/],
    ['intents.yaml', '    kind: smalltalk\n', '    kind: smalltalk\n    answer: [{ about: bike, relation: builtAt }]\n', /intent "greeting": has both an "answer" and a "reply"/],
    ['intents.yaml', '    kind: none\n', '    kind: nothing\n', /intent "none": "kind" must be one of facts, smalltalk, faq, none, provenance/],
  ])('%s with a mistake fails clearly', async (file, from, to, message) => {
    const dir = copyKnowledge(FIXTURE_KNOWLEDGE);
    const full = path.join(dir, file);
    const text = fs.readFileSync(full, 'utf8');
    expect(text).toContain(from);
    fs.writeFileSync(full, text.replace(from, to));
    await expect(buildKnowledge(dir)).rejects.toThrow(message);
  });

  test('a reply without a kind is small talk, and is answered with the reply', async () => {
    const dir = copyKnowledge(FIXTURE_KNOWLEDGE);
    const full = path.join(dir, 'intents.yaml');
    fs.writeFileSync(full, fs.readFileSync(full, 'utf8').replace('    kind: smalltalk\n', ''));
    const { data } = await buildKnowledge(dir);
    expect(data.intents.find((i) => i.id === 'greeting')).toMatchObject({ kind: 'smalltalk', reply: ['Hello! Ask me about Velora bikes.'] });
  });

  test('the build is stale after an edit and fresh after a rebuild', async () => {
    const dir = copyKnowledge(FIXTURE_KNOWLEDGE);
    const buildDir = path.join(dir, 'build');
    await writeBuild(buildDir, await buildKnowledge(dir));
    expect(builtVersion(buildDir)).toBe(knowledgeVersion(dir));
    fs.appendFileSync(path.join(dir, 'intents.yaml'), '\n# edited\n');
    expect(builtVersion(buildDir)).not.toBe(knowledgeVersion(dir));
  });

  test('the built fact store is a lowdb JSON file with the version', async () => {
    const dir = copyKnowledge(FIXTURE_KNOWLEDGE);
    const buildDir = path.join(dir, 'build');
    await writeBuild(buildDir, await buildKnowledge(dir));
    const stored = JSON.parse(fs.readFileSync(path.join(buildDir, 'knowledge.json'), 'utf8'));
    expect(stored.version).toBe(knowledgeVersion(dir));
    expect(stored.facts.map((f: { id: string }) => f.id)).toContain('terra-built-at-porto');
    expect(stored.intents.map((i: { id: string }) => i.id)).toContain('faq.do-velora-bikes-have-a-warranty');
  });
});

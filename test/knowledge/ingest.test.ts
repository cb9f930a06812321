/** What the build reads from documents no one curated, the maintainer's report on it, and errors in a source. */
import { parseSource } from '../../src/knowledge/sources';
import { knowledgeReport } from '../../src/knowledge/report';
import { DOCUMENTS_ONLY_KNOWLEDGE, engineFor, WITH_EXTRA_DOCUMENTS } from '../support/knowledge';

const dataOf = async (dir: string) => (await engineFor(dir)).store.data;

describe('ingestion of un-curated documents', () => {
  test('names are found and typed by the company they keep', async () => {
    const entities = (await dataOf(DOCUMENTS_ONLY_KNOWLEDGE)).entities;
    const typeOf = (name: string) => entities.find((e) => e.name === name)?.type;
    expect(typeOf('Maria Chen')).toBe('person');
    expect(typeOf('David Alvarez')).toBe('person');
    expect(typeOf('Riverside Public Library')).toBe('organisation');
    expect(entities.find((e) => e.name === 'David Alvarez')?.aliases).toContain('Alvarez');
    // Calendar words are capitalised but are not things.
    expect(entities.some((e) => /^(Saturdays?|Sundays?|Monday)$/.test(e.name))).toBe(false);
  });

  test('facts stated in common patterns are read, each with its verbatim sentence and source', async () => {
    const data = await dataOf(DOCUMENTS_ONLY_KNOWLEDGE);
    const founded = data.facts.find((f) => f.relation === 'doc.event.founded');
    expect(founded).toMatchObject({ subject: 'doc-riverside-public-library', value: '1921', source: 'library-renovation-2024', extracted: true });
    expect(data.sentences.some((s) => s.source === founded!.source && s.text === founded!.quote)).toBe(true);
    const heads = data.facts.filter((f) => f.relation === 'doc.role.head-librarian').map((f) => f.object);
    expect(heads.sort()).toEqual(['doc-david-alvarez', 'doc-maria-chen']);
  });

  test('a role the curated knowledge has joins its relation, and its new holder is a person', async () => {
    const data = await dataOf(WITH_EXTRA_DOCUMENTS);
    const ficili = data.facts.find((f) => f.object === 'doc-santo-ficili');
    expect(ficili).toMatchObject({ subject: 'alfa-romeo', relation: 'ceo', source: 'alfa-romeo-2025-update' });
    expect(data.entities.find((e) => e.id === 'doc-santo-ficili')?.type).toBe('person');
  });

  test('the report lists what each source gives, the disagreement and who wins, and facts to curate', async () => {
    const report = knowledgeReport(await dataOf(DOCUMENTS_ONLY_KNOWLEDGE));
    expect(report.sources.find((s) => s.id === 'library-faq')?.faqEntries).toHaveLength(8);
    expect(report.conflicts).toContainEqual(expect.objectContaining({ relation: 'doc.role.head-librarian', winner: expect.objectContaining({ value: 'David Alvarez' }) }));
    expect(report.suggestions.some((s) => s.includes('value: "1921"'))).toBe(true);
  });

  test('with curated knowledge, the newer article’s chief executive is the reported winner', async () => {
    const report = knowledgeReport(await dataOf(WITH_EXTRA_DOCUMENTS));
    expect(report.conflicts).toContainEqual(expect.objectContaining({ relation: 'ceo', winner: expect.objectContaining({ value: 'Santo Ficili' }) }));
  });
});

describe('a malformed source is refused with its file and line', () => {
  test.each([
    ['', /^sources\/x\.md:1: the file is empty/],
    ['Just text, no front matter.', /^sources\/x\.md:1: missing front matter/],
    ['---\nid: x\ntitle: X\n---\nText.', /^sources\/x\.md:\d: front matter needs a "date"/],
    ['---\nid: x\ntitle: X\ndate: last spring\n---\nText.', /^sources\/x\.md:4: "date" must be a year/],
    ['---\nid: x\ntitle: [unclosed\ndate: 2025\n---\nText.', /^sources\/x\.md:\d+: front matter is not valid YAML/],
    ['---\nid: x\ntitle: X\ndate: 2025\n---\n', /^sources\/x\.md:\d+: no text after the front matter/],
  ])('%j', (text, message) => {
    expect(() => parseSource(text, 'x.md')).toThrow(message);
  });
});

import path from 'node:path';
import { readDocumentsSet } from '../../scripts/lib/documentsEval';
import { evaluate, readEvalSet, type EvalReport } from '../../scripts/lib/evaluate';
import { startTestApp, type TestApp } from '../support/app';
import { DOCUMENTS_ONLY_KNOWLEDGE, ITALIAN_DOCUMENTS_KNOWLEDGE, WITH_EXTRA_DOCUMENTS } from '../support/knowledge';

/** Floors, below the figures `npm run eval` reports, so a regression fails while noise does not. */
const FLOORS = { single: 0.9, multiTurn: 0.9, outOfScope: 0.85 };

describe('the labelled evaluation, over HTTP', () => {
  let app: TestApp;
  let report: EvalReport;

  beforeAll(async () => {
    app = await startTestApp();
    report = await evaluate(app.url, readEvalSet(path.join(__dirname, 'questions.yaml')));
  }, 120_000);
  afterAll(() => app.close());

  test('the set is large and varied enough to mean something', () => {
    expect(report.single.length).toBeGreaterThanOrEqual(150);
    for (const tag of ['paraphrase', 'typo', 'yesno', 'oos', 'smalltalk']) expect(report.byTag[tag]?.total ?? 0).toBeGreaterThanOrEqual(10);
    expect(report.multi.length).toBeGreaterThanOrEqual(30);
  });

  test(`single questions: accuracy at least ${FLOORS.single}`, () => {
    const misses = report.single.filter((r) => !r.correct).map((r) => `${r.turn.q} → ${r.why}`);
    expect({ accuracy: report.accuracy, misses }).toEqual({ accuracy: expect.any(Number), misses: expect.any(Array) });
    expect(report.accuracy).toBeGreaterThanOrEqual(FLOORS.single);
  });

  test(`multi-turn conversations: accuracy at least ${FLOORS.multiTurn}`, () => {
    expect(report.multiTurnAccuracy).toBeGreaterThanOrEqual(FLOORS.multiTurn);
  });

  test('out-of-scope questions are declined, not answered', () => {
    const oos = report.byTag.oos!;
    expect(oos.right / oos.total).toBeGreaterThanOrEqual(FLOORS.outOfScope);
  });
});

/** Floors on the un-curated documents (test/eval/documents.yaml), below what `npm run eval` reports. */
const DOCUMENT_FLOORS = { docsOnly: 0.6, italianDocs: 0.5, alfaExtra: 0.6 } as const;

describe('the evaluation over un-curated documents, over HTTP', () => {
  test.each([
    ['docsOnly', DOCUMENTS_ONLY_KNOWLEDGE, 40],
    ['italianDocs', ITALIAN_DOCUMENTS_KNOWLEDGE, 30],
    ['alfaExtra', WITH_EXTRA_DOCUMENTS, 40],
  ] as const)('%s: answered right at least at its floor', async (kb, knowledgeDir, size) => {
    const app = await startTestApp({ knowledgeDir });
    try {
      const report = await evaluate(app.url, readDocumentsSet(kb));
      expect(report.single.length).toBeGreaterThanOrEqual(size);
      expect(report.accuracy).toBeGreaterThanOrEqual(DOCUMENT_FLOORS[kb]);
    } finally {
      await app.close();
    }
  }, 120_000);
});

/** Floor for the multi-turn conversations written for the conversation moves (npm run eval: 97.2 % of turns). */
const CONVERSATION_FLOOR = 0.9;

describe('the multi-turn conversations (corrections, references, lists, asides, compound and buried questions), over HTTP', () => {
  let app: TestApp;
  let report: EvalReport;
  const set = readEvalSet(path.join(__dirname, 'conversations.yaml'));

  beforeAll(async () => {
    app = await startTestApp();
    report = await evaluate(app.url, set);
  }, 120_000);
  afterAll(() => app.close());

  test('at least 60 conversations of 3 to 6 turns', () => {
    expect(set.conversations.length).toBeGreaterThanOrEqual(60);
    for (const c of set.conversations) expect([c.name, c.turns.length >= 3 && c.turns.length <= 6]).toEqual([c.name, true]);
  });

  test(`turns right: at least ${CONVERSATION_FLOOR}`, () => {
    const misses = report.multi.filter((r) => !r.correct).map((r) => `${r.conversation}: ${r.turn.q} → ${r.why}`);
    expect({ accuracy: report.multiTurnAccuracy >= CONVERSATION_FLOOR, misses }).toEqual({ accuracy: true, misses: expect.any(Array) });
  });
});

/**
 * Floors on the held-out Italian sets, written from the articles alone by someone who saw neither
 * the training examples nor a reply: below what `npm run eval` reports (holdout 94/108 and 28/36,
 * final 72/87 and 28/39, the final set asked once before any floor was set).
 */
const HELD_OUT_ITALIAN = [
  { file: 'holdout.it.yaml', single: 0.8, multiTurn: 0.7, outOfScope: 0.85 },
  { file: 'final.it.yaml', single: 0.75, multiTurn: 0.65, outOfScope: 0.7 },
] as const;

describe.each(HELD_OUT_ITALIAN)('the held-out Italian evaluation $file, over HTTP', ({ file, single, multiTurn, outOfScope }) => {
  let app: TestApp;
  let report: EvalReport;

  beforeAll(async () => {
    app = await startTestApp();
    report = await evaluate(app.url, readEvalSet(path.join(__dirname, file)));
  }, 120_000);
  afterAll(() => app.close());

  test('at least 60 questions of every kind, and follow-up conversations', () => {
    expect(report.single.length).toBeGreaterThanOrEqual(60);
    for (const tag of ['paraphrase', 'fragment', 'typo', 'colloquial', 'yesno', 'oos']) expect(report.byTag[tag]?.total ?? 0).toBeGreaterThanOrEqual(6);
    expect(report.multi.length).toBeGreaterThanOrEqual(20);
  });

  test(`single questions at least ${single}, follow-up turns at least ${multiTurn}`, () => {
    const misses = [...report.single, ...report.multi].filter((r) => !r.correct).map((r) => `${r.turn.q} → ${r.why}`);
    expect({ single: report.accuracy >= single, multiTurn: report.multiTurnAccuracy >= multiTurn, misses })
      .toEqual({ single: true, multiTurn: true, misses: expect.any(Array) });
  });

  test(`what the articles do not say, and other languages, are declined: at least ${outOfScope}`, () => {
    const oos = report.byTag.oos!;
    expect(oos.right / oos.total).toBeGreaterThanOrEqual(outOfScope);
  });
});

describe('the Italian evaluation, over HTTP', () => {
  let app: TestApp;
  let report: EvalReport;

  beforeAll(async () => {
    app = await startTestApp();
    report = await evaluate(app.url, readEvalSet(path.join(__dirname, 'questions.it.yaml')));
  }, 120_000);
  afterAll(() => app.close());

  test('at least 60 questions and some conversations', () => {
    expect(report.single.length).toBeGreaterThanOrEqual(60);
    expect(report.multi.length).toBeGreaterThanOrEqual(10);
  });

  test(`single questions and multi-turn turns: accuracy at least ${FLOORS.single}`, () => {
    expect(report.accuracy).toBeGreaterThanOrEqual(FLOORS.single);
    expect(report.multiTurnAccuracy).toBeGreaterThanOrEqual(FLOORS.multiTurn);
  });

  test('out-of-scope questions and other languages are declined', () => {
    const oos = report.byTag.oos!;
    expect(oos.right / oos.total).toBeGreaterThanOrEqual(FLOORS.outOfScope);
    expect(report.byTag.language).toEqual({ right: 3, total: 3 });
  });
});

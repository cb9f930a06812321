import path from 'node:path';
import { evaluate, readEvalSet, type EvalReport } from '../../scripts/lib/evaluate';
import { startTestApp, type TestApp } from '../support/app';

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

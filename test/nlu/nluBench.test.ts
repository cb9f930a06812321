import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  BenchError, CORPUS_FILES, formatTable, loadCorpora, microF1, outOfScope, readCorpus, resplit, runSystem, summarise, type IntentSystem,
} from '../../scripts/lib/nluBench';

describe('the NLU benchmark protocol', () => {
  test('micro-F1 counts a wrong intent as one FP and one FN, None included: it is accuracy', () => {
    const outcomes = [
      { gold: 'A', predicted: 'A' },
      { gold: 'A', predicted: 'B' },
      { gold: 'None', predicted: 'None' },
      { gold: 'B', predicted: 'None' },
    ];
    expect(microF1(outcomes)).toBeCloseTo(0.5, 10);
    expect(microF1([])).toBe(0);
  });

  test('out of scope: None answered with an intent, and in-scope questions given another intent', () => {
    const stats = outOfScope([
      { gold: 'None', predicted: 'A' },
      { gold: 'None', predicted: 'None' },
      { gold: 'A', predicted: 'B' },
      { gold: 'A', predicted: 'None' },
      { gold: 'B', predicted: 'B' },
    ]);
    expect(stats.noneAnswered).toEqual({ count: 1, total: 2 });
    expect(stats.wrongIntent).toEqual({ count: 1, total: 3 });
  });

  describe('with corpora on disk', () => {
    let dir: string;
    beforeAll(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nlu-bench-'));
      const sentences = [
        { text: 'turn it off', intent: 'Off', training: true },
        { text: 'switch it on', intent: 'On', training: true },
        { text: 'turn it on', intent: 'On', training: false },
        { text: 'switch off', intent: 'Off', training: false },
      ];
      for (const { file } of CORPUS_FILES) fs.writeFileSync(path.join(dir, file), JSON.stringify({ name: file, sentences }));
    });
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    test('sentences with training: true train, the others test', () => {
      const corpus = readCorpus('x', path.join(dir, CORPUS_FILES[0]!.file));
      expect(corpus.train.map((s) => s.text)).toEqual(['turn it off', 'switch it on']);
      expect(corpus.test.map((s) => s.intent)).toEqual(['On', 'Off']);
    });

    test('a system runs on every corpus; scores per corpus and pooled', async () => {
      // A stand-in system: the intent of the last training sentence sharing the last word.
      const lastWord: IntentSystem = {
        name: 'last word',
        async train(examples) {
          return (text: string) => examples.filter((e) => e.text.split(' ').pop() === text.split(' ').pop()).pop()?.intent ?? 'None';
        },
      };
      const summary = summarise(await runSystem(lastWord, loadCorpora(dir)));
      expect(summary.scores).toEqual([1, 1, 1, 1]);
      expect(summary.trainMs).toBeGreaterThanOrEqual(0);
    });

    test('a missing folder is reported clearly', () => {
      expect(() => loadCorpora(path.join(dir, 'nowhere'))).toThrow(BenchError);
      expect(() => loadCorpora(path.join(dir, 'nowhere'))).toThrow(/--corpora/);
    });
  });

  test('a resplit keeps every sentence and each intent its number of training sentences, the same way every time', () => {
    const sentence = (intent: string, i: number) => ({ text: `${intent} ${i}`, intent });
    const corpus = {
      name: 'c',
      train: [sentence('A', 1), sentence('A', 2), sentence('B', 1)],
      test: [sentence('A', 3), sentence('A', 4), sentence('B', 2), sentence('B', 3)],
    };
    const split = resplit(corpus, 1);
    const count = (list: readonly { intent: string }[], intent: string) => list.filter((s) => s.intent === intent).length;
    expect([count(split.train, 'A'), count(split.train, 'B')]).toEqual([2, 1]);
    expect([...split.train, ...split.test].map((s) => s.text).sort()).toEqual([...corpus.train, ...corpus.test].map((s) => s.text).sort());
    expect(resplit(corpus, 1)).toEqual(split);
  });

  test('several runs on one corpus (resplits) are pooled into its score', () => {
    const run = (corpus: string, right: boolean) => ({
      corpus, trainMs: 10, classifyMs: 1, outcomes: [{ gold: 'A', predicted: right ? 'A' : 'B' }],
    });
    const summary = summarise({ system: 's', runs: [run('x', true), run('y', true), run('x', false), run('y', true)] });
    expect(summary.scores).toEqual([0.5, 1, 0.75]);
    expect(summary.trainMs).toBe(20);
  });

  test('tables are aligned', () => {
    expect(formatTable(['system', 'pooled'], [['a', '.9'], ['longer', '.95']]).split('\n')).toEqual([
      'system  pooled',
      '------  ------',
      'a           .9',
      'longer     .95',
    ]);
  });
});

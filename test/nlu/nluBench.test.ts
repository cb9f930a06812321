import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  BenchError, CORPUS_FILES, formatTable, loadCorpora, microF1, outOfScope, readCorpus, runSystem, summarise, type IntentSystem,
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

  test('tables are aligned', () => {
    expect(formatTable(['system', 'pooled'], [['a', '.9'], ['longer', '.95']]).split('\n')).toEqual([
      'system  pooled',
      '------  ------',
      'a           .9',
      'longer     .95',
    ]);
  });
});

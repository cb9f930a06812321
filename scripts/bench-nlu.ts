/**
 * npm run bench:nlu — the project's intent classifier against NLP.js and natural's logistic
 * regression on the public NLU corpora (Braun et al., 2017), same protocol for all, one table.
 *   npm run bench:nlu [-- --corpora DIR] [--only project,project-top,nlpjs,natural] [--resplits N]
 * The corpora default to ../shared/benchmarks/nlu next to the repository (not part of CI).
 * --resplits N scores each system on N seeded random splits of each corpus instead of the published
 * one (same training sentences per intent), pooled: steadier for telling two versions apart.
 */
import fs from 'node:fs';
import path from 'node:path';
import { trainUnderstanding } from '../src/nlu/training';
import { Understanding } from '../src/nlu/understanding';
import {
  BenchError, CORPUS_FILES, PUBLISHED, formatTable, loadCorpora, outOfScope, outcomesOn, rate, resplit, runSystem, score3, summarise,
  type IntentSystem, type Sentence, type SystemRun,
} from './lib/nluBench';

/** The project's pipeline exactly as the bot and `npm run nlu:classify` train it: no entities, defaults. */
const project: IntentSystem = {
  name: 'this project (trainUnderstanding)',
  async train(examples: readonly Sentence[]) {
    const understanding = new Understanding(await trainUnderstanding(examples.map((e) => ({ text: e.text, label: e.intent })), []), []);
    return (text: string) => understanding.analyse(text).intent;
  },
};

/** The same trained model's best guess before the None threshold: how much abstaining costs here. */
const projectTopGuess: IntentSystem = {
  name: 'this project, top guess (no threshold)',
  async train(examples: readonly Sentence[]) {
    const understanding = new Understanding(await trainUnderstanding(examples.map((e) => ({ text: e.text, label: e.intent })), []), []);
    return (text: string) => understanding.analyse(text).ranking[0]?.label ?? 'None';
  },
};

interface NlpManagerLike {
  addDocument(locale: string, text: string, intent: string): void;
  train(): Promise<unknown>;
  process(locale: string, text: string): Promise<{ intent: string }>;
}

/** NLP.js with its defaults; saving and loading model.nlp are turned off so the run leaves no file behind. */
const nlpjs: IntentSystem = {
  name: 'NLP.js 4.27 (NlpManager, defaults)',
  async train(examples: readonly Sentence[]) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { NlpManager } = require('node-nlp') as { NlpManager: new (settings: object) => NlpManagerLike };
    const manager = new NlpManager({ languages: ['en'], nlu: { log: false }, autoSave: false, autoLoad: false });
    for (const e of examples) manager.addDocument('en', e.text, e.intent);
    await manager.train();
    return async (text: string) => (await manager.process('en', text)).intent;
  },
};

interface NaturalClassifier {
  addDocument(text: string, label: string): void;
  train(): void;
  classify(text: string): string;
}

/** natural's plain LogisticRegressionClassifier (its own module: the index loads every back-end). */
const naturalLr: IntentSystem = {
  name: 'natural 8.1 LogisticRegression',
  async train(examples: readonly Sentence[]) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const Lr = require('natural/lib/natural/classifiers/logistic_regression_classifier') as new () => NaturalClassifier;
    const classifier = new Lr();
    for (const e of examples) classifier.addDocument(e.text, e.intent);
    classifier.train();
    return (text: string) => classifier.classify(text);
  },
};

const SYSTEMS: Readonly<Record<string, IntentSystem>> = { project, 'project-top': projectTopGuess, nlpjs, natural: naturalLr };

function option(argv: readonly string[], name: string): string | undefined {
  const at = argv.indexOf(name);
  return at >= 0 ? argv[at + 1] : undefined;
}

function repoRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new BenchError('cannot find the repository root (no package.json above the script)');
    dir = up;
  }
  return dir;
}

function scoreTable(runs: readonly SystemRun[]): string {
  const header = ['system', ...CORPUS_FILES.map((c) => c.name), 'pooled', 'train ms', 'µs/utt'];
  const measured = runs.map(summarise).map((s) => [
    s.system, ...s.scores.map(score3), s.trainMs.toFixed(0), s.microsPerUtterance.toFixed(0),
  ]);
  const published = PUBLISHED.map((p) => [p.system, ...p.scores.map(score3), '', '']);
  return formatTable(header, [...measured, ...published]);
}

/** Out of scope, on the corpora with a None intent: None answered with an intent, and wrong intents. */
function outOfScopeTable(runs: readonly SystemRun[]): string {
  const withNone = ['AskUbuntu', 'WebApps'];
  const header = ['system', ...withNone.map((c) => `${c}: None answered`), ...withNone.map((c) => `${c}: wrong intent`)];
  const rows = runs.map((run) => {
    const stats = withNone.map((name) => outOfScope(outcomesOn(run, name)));
    return [run.system, ...stats.map((s) => rate(s.noneAnswered)), ...stats.map((s) => rate(s.wrongIntent))];
  });
  return formatTable(header, rows);
}

async function main(argv: readonly string[]): Promise<void> {
  const dir = path.resolve(option(argv, '--corpora') ?? path.join(repoRoot(), '..', 'shared', 'benchmarks', 'nlu'));
  const only = (option(argv, '--only') ?? Object.keys(SYSTEMS).join(',')).split(',');
  const unknown = only.filter((key) => !SYSTEMS[key]);
  if (unknown.length) throw new BenchError(`unknown system(s) ${unknown.join(', ')}; choose from ${Object.keys(SYSTEMS).join(', ')}`);
  const original = loadCorpora(dir);
  const resplits = Number(option(argv, '--resplits') ?? 0);
  if (!Number.isInteger(resplits) || resplits < 0) throw new BenchError('--resplits takes a whole number of splits');
  const corpora = resplits ? original.flatMap((c) => Array.from({ length: resplits }, (_, k) => resplit(c, k + 1))) : original;
  const runs: SystemRun[] = [];
  for (const key of only) runs.push(await runSystem(SYSTEMS[key]!, corpora));
  const splits = resplits ? `, ${resplits} random splits each` : '';
  const tests = original.map((c) => `${c.name} ${c.train.length}/${c.test.length}`).join(', ') + splits;
  process.stdout.write(
    [
      `Intent micro-F1, "None" counted as a class (train/test sentences: ${tests}); corpora from ${dir}`,
      '',
      scoreTable(runs),
      '',
      'Out of scope: "None answered" = None test sentences given an intent (confident wrong answers);',
      '"wrong intent" = in-scope test sentences given another intent (None not counted as wrong here).',
      '',
      outOfScopeTable(runs),
      '',
    ].join('\n'),
  );
}

main(process.argv.slice(2)).catch((error: Error) => {
  process.stderr.write(`bench:nlu: ${error instanceof BenchError ? error.message : error.stack ?? error.message}\n`);
  process.exitCode = 1;
});

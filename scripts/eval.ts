/**
 * npm run eval — asks the bot the labelled evaluation set over HTTP and prints accuracy,
 * per-intent precision/recall/F1 and the confused pairs; writes the misses to a file.
 *   npm run eval [-- --set test/eval/questions.yaml --misses test-artifacts/eval-misses.json]
 * Without --set it also asks the set of each other language the knowledge base speaks
 * (test/eval/questions.LANG.yaml) and the un-curated documents section.
 */
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { documentsKnowledge, readDocumentsSet, type DocumentsKnowledge } from './lib/documentsEval';
import { evaluate, readEvalSet, type EvalReport, type TurnResult } from './lib/evaluate';
import { startLocalBot } from './lib/localBot';

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(name);
  return at >= 0 && process.argv[at + 1] ? process.argv[at + 1]! : fallback;
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

function print(report: EvalReport): string[] {
  const lines: string[] = [];
  const right = report.single.filter((r) => r.correct).length;
  lines.push(`single questions: ${right}/${report.single.length} correct = ${pct(report.accuracy)}`);
  const multiRight = report.multi.filter((r) => r.correct).length;
  lines.push(`multi-turn: ${multiRight}/${report.multi.length} turns correct = ${pct(report.multiTurnAccuracy)}; conversations fully right: ${report.conversationsFullyRight}`);
  lines.push('', 'by tag:');
  for (const [tag, { right: r, total }] of Object.entries(report.byTag).sort()) lines.push(`  ${tag.padEnd(14)} ${r}/${total} = ${pct(r / total)}`);
  lines.push('', `${'intent'.padEnd(52)} ${'prec'.padStart(6)} ${'recall'.padStart(6)} ${'F1'.padStart(6)} ${'n'.padStart(4)}`);
  for (const s of report.perIntent) {
    lines.push(`${s.intent.padEnd(52)} ${s.precision.toFixed(2).padStart(6)} ${s.recall.toFixed(2).padStart(6)} ${s.f1.toFixed(2).padStart(6)} ${String(s.support).padStart(4)}`);
  }
  lines.push('', 'confused pairs (expected → predicted):');
  if (report.confusions.length === 0) lines.push('  none');
  for (const c of report.confusions) lines.push(`  ${c.count} × ${c.gold} → ${c.predicted}`);
  return lines;
}

/** The development set first, then the held-out ones. */
const SET_ORDER = ['questions', 'holdout', 'final'];

/** The sets in the knowledge base's other languages (test/eval/questions.LANG.yaml, and the held-out holdout.LANG.yaml and final.LANG.yaml), printed; their results. */
async function languageSections(url: string): Promise<TurnResult[]> {
  const dir = 'test/eval';
  const results: TurnResult[] = [];
  for (const file of fs.readdirSync(dir).filter((f) => /^(?:questions|holdout|final)\.[a-z]{2,3}\.yaml$/.test(f)).sort((a, b) => SET_ORDER.indexOf(a.split('.')[0]!) - SET_ORDER.indexOf(b.split('.')[0]!) || a.localeCompare(b))) {
    const report = await evaluate(url, readEvalSet(path.join(dir, file)));
    const [set, language] = file.split('.');
    process.stdout.write(['', `${language}${set === 'questions' ? '' : `, held out (${set})`} (${path.join(dir, file)}):`, ...print(report).map((l) => `  ${l}`)].join('\n') + '\n');
    results.push(...report.single, ...report.multi);
  }
  return results;
}

/** The un-curated documents section: each knowledge base built from its documents, asked over HTTP. */
async function documentsSection(): Promise<{ lines: string[]; misses: TurnResult[] }> {
  const lines = ['', 'un-curated documents (test/eval/documents.yaml):'];
  const misses: TurnResult[] = [];
  for (const kb of ['docsOnly', 'italianDocs', 'alfaExtra'] as DocumentsKnowledge[]) {
    const knowledge = documentsKnowledge(kb);
    const buildDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kb-build-'));
    const bot = await startLocalBot({ ...process.env, KNOWLEDGE_DIR: knowledge.dir, KNOWLEDGE_BUILD_DIR: buildDir });
    try {
      const report = await evaluate(bot.url, readDocumentsSet(kb));
      const right = (list: readonly TurnResult[]) => list.filter((r) => r.correct).length;
      const half = (h: number) => report.single.filter((_, i) => i % 2 === h);
      const unknown = report.single.filter((r) => r.turn.intent === 'none');
      lines.push(`  ${kb.padEnd(10)} single ${right(report.single)}/${report.single.length} = ${pct(report.accuracy)}` +
        ` (development half ${right(half(0))}/${half(0).length}, held-out half ${right(half(1))}/${half(1).length});` +
        ` unanswerable declined ${right(unknown)}/${unknown.length}; multi-turn ${right(report.multi)}/${report.multi.length}`);
      misses.push(...[...report.single, ...report.multi].filter((r) => !r.correct).map((r) => ({ ...r, conversation: r.conversation ?? kb })));
    } finally {
      await bot.close();
      knowledge.dispose();
      fs.rmSync(buildDir, { recursive: true, force: true });
    }
  }
  return { lines, misses };
}

/** The multi-turn conversations (test/eval/conversations.yaml): turns right, and conversations right throughout. */
async function conversationsSection(url: string): Promise<{ lines: string[]; misses: TurnResult[] }> {
  const report = await evaluate(url, readEvalSet(CONVERSATIONS));
  const right = report.multi.filter((r) => r.correct).length;
  const lines = ['', `conversations (${CONVERSATIONS}): ${right}/${report.multi.length} turns correct = ${pct(report.multiTurnAccuracy)};` +
    ` conversations fully right: ${report.conversationsFullyRight}/${readEvalSet(CONVERSATIONS).conversations.length}`];
  return { lines, misses: report.multi.filter((r) => !r.correct) };
}

const CONVERSATIONS = 'test/eval/conversations.yaml';

async function main(): Promise<void> {
  const set = readEvalSet(option('--set', 'test/eval/questions.yaml'));
  const missesFile = option('--misses', 'test-artifacts/eval-misses.json');
  const bot = await startLocalBot();
  try {
    const report = await evaluate(bot.url, set);
    process.stdout.write(print(report).join('\n') + '\n');
    const ownSet = process.argv.includes('--set');
    const conversations = ownSet ? { lines: [], misses: [] } : await conversationsSection(bot.url);
    process.stdout.write(conversations.lines.join('\n') + '\n');
    const languages = ownSet ? [] : await languageSections(bot.url);
    const documents = ownSet ? { lines: [], misses: [] } : await documentsSection();
    process.stdout.write(documents.lines.join('\n') + '\n');
    const misses = [...report.single, ...report.multi, ...conversations.misses, ...languages, ...documents.misses].filter((r) => !r.correct)
      .map((r) => ({ conversation: r.conversation, q: r.turn.q, expected: r.turn.intent, predicted: r.predicted, kind: r.kind, why: r.why, reply: r.text }));
    fs.mkdirSync(path.dirname(missesFile), { recursive: true });
    fs.writeFileSync(missesFile, JSON.stringify(misses, null, 2) + '\n');
    process.stdout.write(`\n${misses.length} misses written to ${missesFile}\n`);
  } finally {
    await bot.close();
  }
}

main().catch((error: Error) => {
  process.stderr.write(`eval failed: ${error.message}\n`);
  process.exitCode = 1;
});

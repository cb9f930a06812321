/**
 * npm run eval — asks the bot the labelled evaluation set over HTTP and prints accuracy,
 * per-intent precision/recall/F1 and the confused pairs; writes the misses to a file.
 *   npm run eval [-- --set test/eval/questions.yaml --misses test-artifacts/eval-misses.json]
 */
import fs from 'node:fs';
import path from 'node:path';
import { evaluate, readEvalSet, type EvalReport } from './lib/evaluate';
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

async function main(): Promise<void> {
  const set = readEvalSet(option('--set', 'test/eval/questions.yaml'));
  const missesFile = option('--misses', 'test-artifacts/eval-misses.json');
  const bot = await startLocalBot();
  try {
    const report = await evaluate(bot.url, set);
    process.stdout.write(print(report).join('\n') + '\n');
    const misses = [...report.single, ...report.multi].filter((r) => !r.correct)
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

/**
 * Trains the bot's intent classifier (same code, same configuration) on TRAIN.json and classifies
 * TEST.json, printing one JSON object per line: {"text", "intent", "score"}; "None" when out of scope.
 *   npm run --silent nlu:classify -- TRAIN.json TEST.json
 * TRAIN.json: [{"text": …, "intent": …}]   TEST.json: [{"text": …}]
 */
import fs from 'node:fs';
import { trainUnderstanding } from '../src/nlu/training';
import { NONE, Understanding } from '../src/nlu/understanding';

function readList(file: string, needsIntent: boolean): { text: string; intent?: string }[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file}: cannot read JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(parsed)) throw new Error(`${file}: expected a JSON array`);
  return parsed.map((item: unknown, i) => {
    const entry = item as { text?: unknown; intent?: unknown };
    if (typeof entry?.text !== 'string') throw new Error(`${file}: item ${i} has no "text"`);
    if (needsIntent && typeof entry.intent !== 'string') throw new Error(`${file}: item ${i} has no "intent"`);
    return needsIntent ? { text: entry.text, intent: String(entry.intent) } : { text: entry.text };
  });
}

async function main(argv: readonly string[]): Promise<number> {
  const [trainFile, testFile] = argv;
  if (!trainFile || !testFile) {
    process.stderr.write('usage: npm run --silent nlu:classify -- TRAIN.json TEST.json\n');
    return 2;
  }
  const train = readList(trainFile, true).map((e) => ({ text: e.text, label: e.intent! }));
  const test = readList(testFile, false);
  const understanding = new Understanding(await trainUnderstanding(train, []), []);
  const lines = test.map(({ text }) => {
    const analysis = understanding.analyse(text);
    return JSON.stringify({ text, intent: analysis.intent === NONE ? 'None' : analysis.intent, score: Math.round(analysis.score * 1e4) / 1e4 });
  });
  process.stdout.write(lines.join('\n') + (lines.length ? '\n' : ''));
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: Error) => {
    process.stderr.write(`nlu:classify: ${error.message}\n`);
    process.exitCode = 1;
  },
);

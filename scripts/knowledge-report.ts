/**
 * npm run knowledge:report — what each source taught the bot, what no question reaches, where
 * sources disagree (and which wins), and facts read from the documents worth curating.
 *   npm run knowledge:report [-- --json]
 */
import 'dotenv/config';
import { loadConfig } from '../src/config';
import { ensureBuilt } from '../src/answering/load';
import { readBuild } from '../src/knowledge/build';
import { knowledgeReport, type KnowledgeReport } from '../src/knowledge/report';

function print(report: KnowledgeReport): string[] {
  const lines: string[] = [];
  for (const s of report.sources) {
    lines.push(`${s.title} (${s.id}, ${s.date})`);
    lines.push(`  ${s.passages} passages, ${s.faqEntries.length} FAQ entries, ${s.curatedFacts} curated facts, ${s.readFacts.length} facts read from the text, ${s.names.length} names; ${s.searchOnly} sentences answered only by quoting them`);
    for (const q of s.faqEntries) lines.push(`  FAQ: ${q}`);
    for (const f of s.readFacts) lines.push(`  fact: ${f}`);
    if (s.names.length) lines.push(`  names: ${s.names.join(', ')}`);
    for (const text of s.unreached) lines.push(`  no question reaches: “${text}”`);
    lines.push('');
  }
  lines.push(report.conflicts.length ? 'Where sources disagree (the newest wins):' : 'No disagreements between sources.');
  for (const c of report.conflicts) {
    lines.push(`  ${c.subject} — ${c.relation}: “${c.winner.value}” (${c.winner.source}, ${c.winner.date}) over ${c.others.map((o) => `“${o.value}” (${o.source}, ${o.date})`).join(', ')}`);
  }
  if (report.suggestions.length) {
    lines.push('', 'Facts read from the documents that no curated relation holds; to curate them, adapt these for facts.yaml:', ...report.suggestions);
  }
  return lines;
}

async function main(): Promise<void> {
  const config = loadConfig();
  await ensureBuilt(config.knowledgeDir, config.buildDir);
  const report = knowledgeReport((await readBuild(config.buildDir)).data);
  process.stdout.write(process.argv.includes('--json') ? JSON.stringify(report, null, 2) + '\n' : print(report).join('\n') + '\n');
}

main().catch((error: Error) => {
  process.stderr.write(`knowledge:report failed: ${error.message}\n`);
  process.exitCode = 1;
});

/**
 * npm run knowledge:build — checks and compiles knowledge/ into the fact store and the model.
 * Exits non-zero with the file and entry at fault when the knowledge is invalid.
 */
import 'dotenv/config';
import { loadConfig } from '../src/config';
import { buildKnowledge, writeBuild } from '../src/knowledge/build';
import { knowledgeReport, reportSummary } from '../src/knowledge/report';

async function main(): Promise<void> {
  const config = loadConfig();
  const started = Date.now();
  const result = await buildKnowledge(config.knowledgeDir);
  await writeBuild(config.buildDir, result);
  const { data } = result;
  const lines = [
    `knowledge ${data.version} built in ${Date.now() - started} ms → ${config.buildDir}`,
    `  ${data.sources.length} sources, ${data.sentences.length} sentences, ${data.faq.length} FAQ entries`,
    `  ${data.entities.length} entities, ${data.facts.length} facts, ${data.intents.length} intents, ${result.examples} training examples`,
    `  confidence threshold ${result.model.understanding.threshold}`,
    `  FAQ intents: ${data.intents.filter((i) => i.kind === 'faq').map((i) => i.id).join(', ') || 'none'}`,
    ...reportSummary(knowledgeReport(data)),
    '  (npm run knowledge:report for the details)',
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

main().catch((error: Error) => {
  process.stderr.write(`knowledge:build failed: ${error.message}\n`);
  process.exitCode = 1;
});

/**
 * Prints the questions the bot could not answer, near-duplicates grouped, most asked first.
 *   npm run unanswered [-- --json] [-- --limit 20]
 * Reads <DATA_DIR>/unanswered.json without changing it.
 */
import 'dotenv/config';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config';
import { formatGroupsTable } from '../src/feedback/formatGroups';
import { groupQuestions } from '../src/feedback/groupQuestions';
import { meaningReader } from '../src/feedback/questionMeaning';
import { loadKnowledge } from '../src/answering/load';
import { UnansweredLog, unansweredLogFile } from '../src/feedback/unansweredLog';

const USAGE = 'Usage: npm run unanswered -- [--json] [--limit N]';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { json: { type: 'boolean', default: false }, limit: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const limit = values.limit === undefined ? Infinity : Number(values.limit);
  if (!(limit > 0) || (limit !== Infinity && !Number.isInteger(limit))) {
    console.error(`--limit must be a positive whole number.\n${USAGE}`);
    return 2;
  }

  const config = loadConfig();
  const file = unansweredLogFile(config.dataDir);
  const log = await UnansweredLog.open({ file, readOnly: true });
  const records = await log.list();
  await log.close();
  // Questions are grouped by what they mean to the bot, read with the knowledge base's own model.
  const { understanding } = await loadKnowledge(config.knowledgeDir, config.buildDir);
  const allGroups = groupQuestions(records, { meaning: meaningReader(understanding) });
  const groups = allGroups.slice(0, limit);

  if (values.json) {
    console.log(JSON.stringify({ file, questions: records.length, groupCount: allGroups.length, groups }, null, 2));
  } else if (groups.length === 0) {
    console.log(`No unanswered questions recorded yet (${file}).`);
  } else {
    const times = records.map((record) => record.time).sort();
    const first = times[0]!.slice(0, 10);
    const last = times[times.length - 1]!.slice(0, 10);
    const shown = groups.length < allGroups.length ? `, the ${groups.length} largest shown` : '';
    console.log(`${records.length} unanswered questions from ${first} to ${last} in ${allGroups.length} groups${shown} (${file}):\n`);
    console.log(formatGroupsTable(groups));
  }
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);

/** Where the benchmark runs: the machine header, the configuration and throw-away folders. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../../../src/config';

/**
 * The Node options `npm start` runs the app with (package.json's start script, e.g. the young
 * generation's size), so bots measured in child processes run as the app does in production.
 */
export function appNodeFlags(): string[] {
  // From dist/scripts/lib/bench or, under the tests, scripts/lib/bench: the nearest package.json.
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json')) && dir !== path.dirname(dir)) dir = path.dirname(dir);
  const packageJson = path.join(dir, 'package.json');
  const { scripts } = JSON.parse(fs.readFileSync(packageJson, 'utf8')) as { scripts: { start: string } };
  return scripts.start.split(/\s+/).filter((word) => word.startsWith('--'));
}

export function machineHeader(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const date = new Date().toISOString().replace('T', ' ').slice(0, 16);
  return `${date} UTC · ${cpu} · ${os.cpus().length} cores · Node ${process.version} · ${os.platform()} ${os.release()}`;
}

const made: string[] = [];

/** A fresh temporary folder, removed by removeTempDirs(). */
export function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `faq-bench-${prefix}-`));
  made.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/**
 * The environment a benchmarked bot runs with: authentication off, a throw-away data folder,
 * the knowledge build given (never the shared knowledge/build), no log noise.
 */
const RATE_LIMIT_VARIABLES = [
  'RATE_TOKENS_PER_CLIENT',
  'RATE_TOKENS_TOTAL',
  'RATE_CONVERSATIONS_PER_CLIENT',
  'RATE_CONVERSATIONS_TOTAL',
  'RATE_MESSAGES_PER_CLIENT',
  'RATE_MESSAGES_PER_CONVERSATION',
  'RATE_MESSAGES_TOTAL',
];

export function benchEnv(overrides: { dataDir: string; buildDir: string; knowledgeDir?: string; logLevel?: string }): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  return {
    ...env,
    PORT: '0',
    DATA_DIR: overrides.dataDir,
    KNOWLEDGE_BUILD_DIR: overrides.buildDir,
    ...(overrides.knowledgeDir ? { KNOWLEDGE_DIR: overrides.knowledgeDir } : {}),
    LOG_LEVEL: overrides.logLevel ?? 'silent',
    MicrosoftAppId: '',
    MicrosoftAppPassword: '',
    STORAGE: 'files',
    DOTENV_CONFIG_QUIET: 'true',
    // The benchmarks measure the bot at full speed from one address, not the rate limits.
    ...Object.fromEntries(RATE_LIMIT_VARIABLES.map((name) => [name, '0'])),
  };
}

export function benchConfig(overrides: Parameters<typeof benchEnv>[0]): Config {
  return loadConfig(benchEnv(overrides));
}

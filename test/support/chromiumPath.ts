/**
 * Which Chromium the browser tests drive, decided in one place: CHROMIUM_PATH if set, else the
 * system's /usr/bin/chromium, else the one packaged in @sparticuz/chromium, so `npm test` needs no
 * system browser. Jest's global setup resolves it once and hands it to the workers.
 */
import fs from 'node:fs';
import path from 'node:path';

export const SYSTEM_CHROMIUM = '/usr/bin/chromium';
const ROOT = path.resolve(__dirname, '..', '..');

export async function resolveChromium(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const chosen = env.CHROMIUM_PATH?.trim();
  if (chosen) {
    if (!fs.existsSync(chosen)) throw new Error(`CHROMIUM_PATH is set to ${chosen}, which does not exist`);
    return chosen;
  }
  if (fs.existsSync(SYSTEM_CHROMIUM)) return SYSTEM_CHROMIUM;
  return unpackPackagedChromium();
}

/**
 * The package unpacks its browser into os.tmpdir() in place: one path for every checkout and
 * version, so a run starting while another unpacks (or after one was interrupted) would launch a
 * half-written binary. It unpacks instead into a private folder renamed into node_modules/.cache:
 * the rename is atomic, and the first run to finish wins.
 */
async function unpackPackagedChromium(): Promise<string> {
  const packageDir = path.resolve(path.dirname(require.resolve('@sparticuz/chromium')), '..', '..');
  const { version } = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { version: string };
  const cache = path.join(ROOT, 'node_modules', '.cache');
  const dir = path.join(cache, `chromium-${version}`);
  const executable = path.join(dir, 'chromium');
  if (fs.existsSync(executable)) return executable;
  fs.mkdirSync(cache, { recursive: true });
  const staging = fs.mkdtempSync(path.join(cache, `.chromium-${version}-`));
  const tmpdir = process.env.TMPDIR;
  process.env.TMPDIR = staging; // where os.tmpdir(), and so the package, unpacks
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const packaged = require('@sparticuz/chromium') as { default?: { executablePath(): Promise<string> } } & { executablePath?(): Promise<string> };
    await (packaged.default ?? (packaged as { executablePath(): Promise<string> })).executablePath();
    fs.renameSync(staging, dir);
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    if (!fs.existsSync(executable)) throw error; // else another run renamed its copy first
  } finally {
    if (tmpdir === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = tmpdir;
  }
  return executable;
}

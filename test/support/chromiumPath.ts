/**
 * Which Chromium the browser tests drive, decided in one place: CHROMIUM_PATH if set, else the
 * system's /usr/bin/chromium, else the one packaged in @sparticuz/chromium (unpacked to /tmp on
 * first use), so `npm test` needs no system browser.
 */
import fs from 'node:fs';

export const SYSTEM_CHROMIUM = '/usr/bin/chromium';

export async function resolveChromium(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const chosen = env.CHROMIUM_PATH?.trim();
  if (chosen) {
    if (!fs.existsSync(chosen)) throw new Error(`CHROMIUM_PATH is set to ${chosen}, which does not exist`);
    return chosen;
  }
  if (fs.existsSync(SYSTEM_CHROMIUM)) return SYSTEM_CHROMIUM;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const packaged = require('@sparticuz/chromium') as { default?: { executablePath(): Promise<string> }; executablePath?(): Promise<string> };
  const chromium = packaged.default ?? packaged;
  return chromium.executablePath!();
}

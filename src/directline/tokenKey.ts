import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { MIN_KEY_BYTES } from './signedTokens.js';

export const TOKEN_KEY_FILE = 'directline-token.key';

/**
 * The key Direct Line tokens are signed with: the configured one (base64 or hex, several instances
 * must share it), else one generated on first start and kept in `<dataDir>/directline-token.key`
 * (readable by the owner only), so that tokens outlive a restart.
 */
export async function loadTokenKey(configured: string, dataDir: string): Promise<{ key: Buffer; source: 'setting' | 'file' | 'new file' }> {
  if (configured) return { key: decodeKey(configured), source: 'setting' };
  const file = path.join(dataDir, TOKEN_KEY_FILE);
  try {
    return { key: decodeKey((await fs.readFile(file, 'utf8')).trim()), source: 'file' };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await fs.mkdir(dataDir, { recursive: true });
  const key = randomBytes(MIN_KEY_BYTES);
  try {
    // 'wx': two processes starting at once on one folder must not each keep a key of their own.
    await fs.writeFile(file, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
    return { key, source: 'new file' };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return { key: decodeKey((await fs.readFile(file, 'utf8')).trim()), source: 'file' };
  }
}

/** A key written as hex or base64; too short a key is refused. */
export function decodeKey(text: string): Buffer {
  const key = /^[0-9a-f]+$/i.test(text) && text.length % 2 === 0 ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  if (key.length < MIN_KEY_BYTES) throw new RangeError(`the Direct Line token key must be at least ${MIN_KEY_BYTES} bytes (base64 or hex)`);
  return key;
}

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLogger } from '../../src/log';
import { startTestApp } from '../support/app';
import { FIXTURE_KNOWLEDGE } from '../support/knowledge';

describe('the start-up log', () => {
  it('shows the address really bound (HOST) and the sites allowed to embed the widget', async () => {
    const entries: Record<string, unknown>[] = [];
    const app = await startTestApp({
      env: { HOST: '127.0.0.1', ALLOWED_ORIGINS: 'https://www.dealer.example, https://shop.example' },
      logger: createLogger('info', (line) => entries.push(JSON.parse(line) as Record<string, unknown>)),
    });
    try {
      const listening = entries.find((entry) => entry.message === 'bot listening');
      expect(listening).toMatchObject({ address: `127.0.0.1:${app.port}`, url: `http://127.0.0.1:${app.port}`, allowedOrigins: ['https://www.dealer.example', 'https://shop.example'] });
      expect((await fetch(`${app.url}/healthz`, { method: 'HEAD' })).status).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('says when the knowledge changed and was rebuilt, and how long it took', async () => {
    const entries: { message?: string; ms?: number }[] = [];
    const buildDir = fs.mkdtempSync(path.join(os.tmpdir(), 'empty-build-'));
    const app = await startTestApp({ buildDir, knowledgeDir: FIXTURE_KNOWLEDGE, logger: createLogger('info', (line) => entries.push(JSON.parse(line) as { message?: string })) });
    try {
      const rebuilt = entries.find((entry) => entry.message?.startsWith('knowledge changed: rebuilt in '));
      expect(rebuilt?.ms).toEqual(expect.any(Number));
      expect(rebuilt?.message).toBe(`knowledge changed: rebuilt in ${rebuilt?.ms} ms`);
    } finally {
      await app.close();
      fs.rmSync(buildDir, { recursive: true, force: true });
    }
  });
});

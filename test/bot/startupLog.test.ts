import { createLogger } from '../../src/log';
import { startTestApp } from '../support/app';

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
});

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Frame } from 'playwright-core';
import { createLogger, type Logger } from '../../src/log';
import { openBrowser, WebChatView, type TestBrowser } from '../support/browser';
import { startTestApp, type TestApp } from '../support/app';

/**
 * The widget on a dealer's site that is another site than the bot's (two host names mapped to
 * loopback), in a browser that blocks third-party storage: the chat carries on from page to page,
 * and a site not allowed to embed it gets no launcher while the bot names it in its log.
 */

const TITLE = 'Ask the dealer';

function dealerPage(botUrl: string, page: string): string {
  return `<!doctype html><html lang="en"><head><title>${page}</title></head><body><h1>${page}</h1>
<script src="${botUrl}/embed.js" async data-title="${TITLE}"></script></body></html>`;
}

async function startDealerSite(botUrl: () => string): Promise<{ port: number; close(): Promise<void> }> {
  const site = http.createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(dealerPage(botUrl(), req.url ?? '/'));
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  return { port: (site.address() as AddressInfo).port, close: () => new Promise((resolve) => site.close(() => resolve())) };
}

/** A logger that keeps the warnings. */
function recordingLogger(): { logger: Logger; warnings: Record<string, unknown>[] } {
  const warnings: Record<string, unknown>[] = [];
  const logger = createLogger('warn', (line) => warnings.push(JSON.parse(line) as Record<string, unknown>));
  return { logger, warnings };
}

async function openWidget(browser: TestBrowser): Promise<{ chat: WebChatView; frame: Frame }> {
  await browser.page.getByRole('button', { name: TITLE }).click();
  const chat = new WebChatView(browser.page.frameLocator(`iframe[title="${TITLE}"]`));
  await chat.botBubbles().first().waitFor();
  const frame = browser.page.frames().find((candidate) => candidate.url().includes('/chat?'));
  if (!frame) throw new Error('no chat frame');
  return { chat, frame };
}

describe('the widget on a dealer site on another domain', () => {
  let app: TestApp;
  let site: { port: number; close(): Promise<void> };
  let browser: TestBrowser;
  const log = recordingLogger();
  const dealer = () => `http://dealer.test:${site.port}`;
  const other = () => `http://elsewhere.test:${site.port}`;
  const bot = () => `http://bot.test:${app.port}`;

  beforeAll(async () => {
    site = await startDealerSite(bot);
    app = await startTestApp({ env: { ALLOWED_ORIGINS: dealer() }, logger: log.logger });
    browser = await openBrowser(undefined, {
      args: ['--host-resolver-rules=MAP dealer.test 127.0.0.1, MAP elsewhere.test 127.0.0.1, MAP bot.test 127.0.0.1'],
      blockStorageInFramesOf: ['bot.test'],
    });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await site?.close();
  });

  it('keeps the chat from one page of the dealer site to the next, with its context, though the frame has no storage', async () => {
    await browser.page.goto(`${dealer()}/new-cars`);
    const first = await openWidget(browser);
    // The cross-site frame has no storage: only the host page can keep the chat.
    expect(await first.frame.evaluate(() => {
      try {
        window.sessionStorage.setItem('probe', '1');
        return 'usable';
      } catch {
        return 'blocked';
      }
    })).toBe('blocked');
    await first.chat.say('Where is the Tonale made?');
    await first.chat.botBubble('Pomigliano').waitFor();
    const conversationId = await browser.page.evaluate(() => (JSON.parse(window.sessionStorage.getItem('chatWidget.conversation.v1') ?? '{}') as { conversationId?: string }).conversationId);
    expect(conversationId).toEqual(expect.any(String));

    await browser.page.goto(`${dealer()}/service`);
    const second = await openWidget(browser);
    await second.chat.botBubble('Pomigliano').waitFor(); // the transcript so far
    await second.chat.say('And the Giulia?');
    await second.chat.botBubble('Cassino').waitFor();
    expect(await browser.page.evaluate(() => (JSON.parse(window.sessionStorage.getItem('chatWidget.conversation.v1') ?? '{}') as { conversationId?: string }).conversationId)).toBe(conversationId);
    expect(await second.chat.botBubbles().filter({ hasText: 'The Tonale is made' }).count()).toBe(1);
  });

  it('shows no launcher on a site not allowed to embed it, and the bot names that site once in its log', async () => {
    for (const page of ['/', '/again']) {
      const warned = browser.page.waitForEvent('console', (message) => message.type() === 'warning' && message.text().includes('not allowed to embed'));
      await browser.page.goto(`${other()}${page}`);
      await warned;
      expect(await browser.page.locator('chat-widget').count()).toBe(0);
    }
    const about = log.warnings.filter((entry) => entry.origin === other());
    expect(about).toHaveLength(1);
    expect(String(about[0]?.message)).toMatch(/ALLOWED_ORIGINS/);
    expect(log.warnings.filter((entry) => entry.origin === dealer())).toEqual([]);
  });
});

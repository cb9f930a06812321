import type { Response as PageResponse } from 'playwright-core';
import { openBrowser, WebChatView, type TestBrowser } from '../support/browser';
import { startTestApp, type TestApp } from '../support/app';

/**
 * An open Web Chat page across a restart of the bot (SIGTERM's shutdown, then a new process on the
 * same DATA_DIR and port): it reconnects by itself, and the follow-up is answered in the
 * conversation's context, each message and answer shown once.
 */

const FIRST = 'Where is the Tonale made?';
const FOLLOW_UP = 'And the Giulia?';

/** What tells that the page is connected again: a new stream, or a poll answered by the new process. */
const reconnected: Record<'websocket' | 'polling', (browser: TestBrowser, after: number) => Promise<unknown>> = {
  websocket: (browser) => browser.page.waitForEvent('websocket', { timeout: 60_000 }),
  polling: (browser, after) =>
    browser.page.waitForResponse((response: PageResponse) => /\/activities\?watermark=/.test(response.url()) && response.status() === 200 && Date.now() >= after, { timeout: 60_000 }),
};

describe.each(['websocket', 'polling'] as const)('an open chat page across a restart (%s)', (transport) => {
  let app: TestApp | undefined;
  let browser: TestBrowser | undefined;
  const env = { DIRECT_LINE_WEBSOCKET: String(transport === 'websocket') };

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('reconnects by itself and answers the follow-up with the context of the conversation', async () => {
    app = await startTestApp({ env });
    browser = await openBrowser();
    await browser.page.goto(`${app.url}/`);
    const chat = new WebChatView(browser.page);
    await chat.botBubbles().first().waitFor(); // the welcome
    await chat.say(FIRST);
    await chat.botBubble('Pomigliano').waitFor();

    const { dataDir, buildDir, port } = app;
    await app.shutdown();
    app = undefined;
    const restarted = Date.now();
    app = await startTestApp({ dataDir, buildDir, env: { ...env, PORT: String(port) } });
    const listening = Date.now();
    await reconnected[transport](browser, listening);
    process.stdout.write(`reconnect after restart (${transport}): ${Date.now() - listening} ms after listening, ${Date.now() - restarted} ms after the new process started\n`);

    await chat.say(FOLLOW_UP);
    await chat.botBubble('Cassino').waitFor({ timeout: 30_000 });
    const bubbles = await browser.page.locator('.webchat__bubble__content').allInnerTexts();
    const count = (text: string) => bubbles.filter((bubble) => bubble.includes(text)).length;
    // The follow-up was understood as "where is the Giulia made": the context survived the restart.
    expect(count('The Giulia is made at the Cassino')).toBe(1);
    expect([count(FIRST), count('The Tonale is made at the Pomigliano'), count(FOLLOW_UP)]).toEqual([1, 1, 1]);
  }, 120_000);
});

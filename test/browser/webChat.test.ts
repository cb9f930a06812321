import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { EchoBot, ECHO_PREFIX } from '../support/echoBot';
import { openBrowser, PHONE, WebChatView, type TestBrowser } from '../support/browser';
import { startTestServer, type TestServer } from '../support/http';

/** The web channel against the echo bot: the protocol and the pages, independent of any knowledge. */

const WELCOME = 'Welcome! Ask me anything.';
const bot = () => new EchoBot({ welcome: WELCOME, suggestions: ['Tell me more', 'Opening hours'] });

describe('the chat page, through the built-in Direct Line', () => {
  let server: TestServer;
  let browser: TestBrowser;

  beforeAll(async () => {
    server = await startTestServer({ bot: bot() });
    browser = await openBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the welcome, answers, offers buttons and streams over a WebSocket', async () => {
    const sockets: string[] = [];
    browser.page.on('websocket', (socket) => sockets.push(new URL(socket.url()).pathname));
    await browser.page.goto(`${server.url}/`);
    const chat = new WebChatView(browser.page);
    await chat.botBubble(WELCOME).waitFor();

    await chat.say('hello there');
    await chat.botBubble(`${ECHO_PREFIX}hello there`).waitFor();
    await chat.suggestedActions().filter({ hasText: 'Tell me more' }).click();
    await chat.botBubble(`${ECHO_PREFIX}Tell me more`).waitFor();

    expect(sockets).toEqual([expect.stringMatching(/^\/v3\/directline\/conversations\/[\w-]+\/stream$/)]);
    expect(browser.problems).toEqual([]);
  });

  it('keeps the conversation when the page is reloaded in the same tab', async () => {
    await browser.page.reload();
    const chat = new WebChatView(browser.page);
    await chat.botBubble(`${ECHO_PREFIX}Tell me more`).waitFor();
    expect(await chat.botBubbles().filter({ hasText: WELCOME }).count()).toBe(1);
  });
});

/** A dealer's page on another origin, with CSS that would wreck any widget it could reach. */
function hostPage(botUrl: string): string {
  return `<!doctype html><html lang="de"><head><meta name="viewport" content="width=device-width, initial-scale=1">
<style>
  * { color: rgb(0, 128, 0) !important; font-size: 31px !important; }
  button, iframe, section, div { display: none !important; border: 9px solid red !important; }
  h1 { font-family: serif; }
</style></head>
<body><h1 id="headline">Host page</h1><p>Content of the dealer site.</p>
<script src="${botUrl}/embed.js" async data-title="Fragen?" data-accent="#ffd400" data-greeting="Hallo!" data-position="left" data-language="de-DE"></script>
</body></html>`;
}

/** Serves the host page from its own server: another origin (and site) than the bot's. */
async function startHostSite(botUrl: string): Promise<{ url: string; close(): Promise<void> }> {
  const site = http.createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(hostPage(botUrl));
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  const { port } = site.address() as AddressInfo;
  return {
    url: `http://localhost:${port}/`,
    close: () => new Promise((resolve) => site.close(() => resolve())),
  };
}

describe('the widget on another site', () => {
  let server: TestServer;
  let site: { url: string; close(): Promise<void> };

  beforeAll(async () => {
    server = await startTestServer({ bot: bot() });
    site = await startHostSite(server.url);
  });
  afterAll(async () => {
    await site?.close();
    await server?.close();
  });

  it("is not restyled by the host page and leaves the host page's styles alone", async () => {
    const browser = await openBrowser();
    try {
      const { page } = browser;
      await page.goto(site.url);
      const hostStyles = () =>
        page.evaluate(() =>
          ['#headline', 'body', 'p'].map((selector) => {
            const style = getComputedStyle(document.querySelector(selector) as Element);
            return [style.fontFamily, style.fontSize, style.color, style.margin, style.lineHeight, style.backgroundColor].join(' | ');
          }),
        );
      const before = await hostStyles();
      const launcher = page.getByRole('button', { name: 'Fragen?' });
      await launcher.waitFor();
      expect(await hostStyles()).toEqual(before);

      // The host's "*" and "button" rules do not reach the widget...
      const launcherStyle = await launcher.evaluate((element) => {
        const style = getComputedStyle(element);
        return { display: style.display, color: style.color, border: style.borderTopWidth, background: style.backgroundColor };
      });
      // ...which shows the options: the accent colour (with readable dark text on yellow), on the left, with the greeting.
      expect(launcherStyle).toEqual({ display: 'flex', color: 'rgb(17, 17, 17)', border: '0px', background: 'rgb(255, 212, 0)' });
      expect((await launcher.boundingBox())?.x).toBeLessThan(100);
      const greeting = page.getByRole('button', { name: 'Hallo!' });
      expect(await greeting.evaluate((element) => getComputedStyle(element).fontSize)).toBe('14px');

      await launcher.click();
      const frame = page.frameLocator('iframe[title="Fragen?"]');
      const chat = new WebChatView(frame);
      await chat.botBubble(WELCOME).waitFor();
      await chat.say('Guten Tag');
      await chat.botBubble(`${ECHO_PREFIX}Guten Tag`).waitFor();
      expect(await frame.locator('html').getAttribute('lang')).toBe('de-DE');

      await page.getByRole('button', { name: 'Close chat' }).click();
      await page.locator('iframe[title="Fragen?"]').waitFor({ state: 'hidden' });
    } finally {
      await browser.close();
    }
  });

  it('fills a phone screen when open', async () => {
    const browser = await openBrowser(PHONE);
    try {
      const { page } = browser;
      await page.goto(site.url);
      await page.getByRole('button', { name: 'Fragen?' }).click();
      const frame = page.frameLocator('iframe[title="Fragen?"]');
      await new WebChatView(frame).botBubble(WELCOME).waitFor();
      const panel = await page.getByRole('dialog', { name: 'Fragen?' }).boundingBox();
      expect(panel).toEqual({ x: 0, y: 0, width: PHONE.width, height: PHONE.height });
    } finally {
      await browser.close();
    }
  });
});

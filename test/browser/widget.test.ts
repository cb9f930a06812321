import { DESKTOP, openBrowser, PHONE, saveScreenshot, WebChatView, type TestBrowser } from '../support/browser';
import { startTestApp, type TestApp } from '../support/app';

/**
 * The product check from the issue: the real bot, behind the widget on the demo dealer page,
 * answers with its citation and follow-up buttons, on a desktop and on a phone.
 */

const WIDGET_TITLE = 'Autohaus Demo assistant';
const QUESTION = 'Where is the Tonale made?';

async function openWidget(browser: TestBrowser, app: TestApp): Promise<WebChatView> {
  await browser.page.goto(`${app.url}/demo`);
  await browser.page.getByRole('button', { name: WIDGET_TITLE }).click();
  const chat = new WebChatView(browser.page.frameLocator(`iframe[title="${WIDGET_TITLE}"]`));
  await chat.botBubbles().first().waitFor(); // the welcome
  return chat;
}

/** Asks the question and returns the answer's text once it has arrived. */
async function askWhereItIsMade(chat: WebChatView): Promise<string> {
  await chat.say(QUESTION);
  const answer = chat.botBubble('Pomigliano');
  await answer.waitFor();
  return answer.innerText();
}

/** Clicks the first follow-up button and returns the text of the bot's next answer. */
async function followUp(chat: WebChatView): Promise<{ label: string; answer: string }> {
  const before = await chat.botBubbles().count();
  const button = chat.suggestedActions().first();
  const label = (await button.innerText()).trim();
  await button.click();
  const next = chat.botBubbles().nth(before);
  await next.waitFor();
  return { label, answer: (await next.innerText()).trim() };
}

describe('the chat widget on the demo dealer page, with the real bot', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  }, 120_000);
  afterAll(() => app?.close());

  it('answers on a desktop with its citation, then answers a suggested follow-up', async () => {
    const browser = await openBrowser(DESKTOP);
    try {
      const chat = await openWidget(browser, app);
      const answer = await askWhereItIsMade(chat);
      expect(answer).toMatch(/Pomigliano d['’]Arco/);
      expect(answer).toMatch(/Sources?:/);
      expect(await chat.suggestedActions().count()).toBeGreaterThan(0);

      const { label, answer: next } = await followUp(chat);
      expect(label).not.toBe('');
      expect(next).not.toBe('');
      expect(next).not.toBe(answer);
      await chat.settle();
      await saveScreenshot(browser.page, 'widget-desktop');
      expect(browser.problems).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('works the same on a phone-sized screen', async () => {
    const browser = await openBrowser(PHONE);
    try {
      const chat = await openWidget(browser, app);
      const answer = await askWhereItIsMade(chat);
      expect(answer).toMatch(/Sources?:/);
      await chat.settle();
      await saveScreenshot(browser.page, 'widget-phone');
      const { answer: next } = await followUp(chat);
      expect(next).not.toBe('');
      await chat.settle();
      await saveScreenshot(browser.page, 'widget-phone-follow-up');
      expect(browser.problems).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});

import { DESKTOP, openBrowser, saveScreenshot, WebChatView } from '../support/browser';
import { startTestApp, type TestApp } from '../support/app';

/**
 * A dealer page in Italian: the widget with data-language="it" shows its own words in Italian,
 * the bot welcomes in Italian with Italian starter questions, and answers an Italian question in
 * Italian with its citation.
 */
describe('the chat widget in Italian', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  }, 120_000);
  afterAll(() => app?.close());

  it('welcomes, offers and answers in Italian', async () => {
    const browser = await openBrowser(DESKTOP);
    try {
      // A dealer's page in Italian with the one line that embeds the widget (served at the bot's
      // address: Chromium refuses a page from elsewhere the scripts of a loopback address).
      const dealer = `${app.url}/concessionaria`;
      await browser.page.route(dealer, (route) =>
        route.fulfill({
          contentType: 'text/html',
          body: `<!doctype html><html lang="it"><head><title>Concessionaria</title></head><body><h1>Concessionaria Demo</h1>` +
            `<script src="${app.url}/embed.js" data-language="it" data-accent="#b3122e"></script></body></html>`,
        }),
      );
      await browser.page.goto(dealer);
      const title = 'Domande? Chiedi a noi';
      await browser.page.getByRole('button', { name: title }).click();
      await browser.page.getByRole('button', { name: 'Chiudi la chat' }).waitFor();
      const chat = new WebChatView(browser.page.frameLocator(`iframe[title="${title}"]`));
      const welcome = chat.botBubble('Ciao! Rispondo a domande');
      await welcome.waitFor().catch(async (error: Error) => {
        throw new Error(`${error.message}\nbubbles: ${JSON.stringify(await chat.botBubbles().allInnerTexts())}\nproblems: ${JSON.stringify(browser.problems)}`);
      });
      const starters = browser.page.frameLocator(`iframe[title="${title}"]`).locator('.webchat__suggested-action');
      await starters.first().waitFor();
      expect(await starters.allInnerTexts()).toEqual(['Dove viene prodotto il Tonale?', 'Chi possiede Alfa Romeo?', 'Alfa Romeo costruirà uno stabilimento negli Stati Uniti?']);

      await chat.say('Dove viene prodotta la Giulia?');
      const answer = chat.botBubble('stabilimento di Cassino');
      await answer.waitFor();
      expect(await answer.innerText()).toMatch(/Il modello Giulia è prodotto nello stabilimento di Cassino \(Italia\)\.[\s\S]*Fonte:/);
      await chat.settle();
      await saveScreenshot(browser.page, 'widget-italian');
      expect(browser.problems).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});

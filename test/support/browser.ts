import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type FrameLocator, type Locator, type Page } from 'playwright-core';

import { resolveChromium } from './chromiumPath';

export const ARTIFACTS = path.resolve(__dirname, '..', '..', 'test-artifacts');

export const DESKTOP = { width: 1280, height: 800 } as const;
export const PHONE = { width: 390, height: 844 } as const;

const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface TestBrowser {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Console errors and page errors seen so far (CSP violations show up here). */
  readonly problems: string[];
  close(): Promise<void>;
}

export interface BrowserOptions {
  /** More command-line switches, e.g. --host-resolver-rules to give loopback several host names. */
  readonly args?: readonly string[];
  /**
   * Frames of these host names, when inside a page of another host, get no storage: reading
   * sessionStorage or localStorage throws a SecurityError, as browsers that block third-party
   * storage do (Safari, Firefox's strict mode, Chrome with third-party cookies blocked).
   */
  readonly blockStorageInFramesOf?: readonly string[];
}

/** Starts Chromium with a fresh profile and one page of the given size. */
export async function openBrowser(viewport: { width: number; height: number } = DESKTOP, options: BrowserOptions = {}): Promise<TestBrowser> {
  // The global setup resolved it once (unpacking the packaged browser is not safe to race).
  const executablePath = process.env.CHROMIUM_PATH || (await resolveChromium());
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'chromium-profile-'));
  const phone = viewport.width < 600;
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: [...FLAGS, ...(options.args ?? [])],
    viewport,
    isMobile: phone,
    hasTouch: phone,
  });
  if (options.blockStorageInFramesOf) {
    await context.addInitScript((hosts: readonly string[]) => {
      if (window.top === window || !hosts.includes(window.location.hostname)) return;
      for (const name of ['sessionStorage', 'localStorage']) {
        Object.defineProperty(window, name, {
          get() {
            throw new DOMException(`Failed to read the '${name}' property from 'Window': Access is denied for this document.`, 'SecurityError');
          },
        });
      }
    }, options.blockStorageInFramesOf);
  }
  const page = context.pages()[0] ?? (await context.newPage());
  // Fail with Playwright's own message (what it waited for) before Jest's test timeout hits.
  context.setDefaultTimeout(15_000);
  const problems: string[] = [];
  const watch = (target: Page): void => {
    target.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    target.on('pageerror', (error) => problems.push(error.message));
  };
  watch(page);
  context.on('page', watch);
  return {
    context,
    page,
    problems,
    close: async () => {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

export async function saveScreenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.mouse.move(0, 0); // no hover highlight left on the last button clicked
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** Web Chat, inside a page or inside the widget's iframe. */
export class WebChatView {
  constructor(private readonly root: Page | FrameLocator) {}

  /** Message bubbles from the bot, in transcript order. */
  botBubbles(): Locator {
    return this.root.locator('.webchat__bubble:not(.webchat__bubble--from-user) .webchat__bubble__content');
  }

  botBubble(text: string | RegExp): Locator {
    return this.botBubbles().filter({ hasText: text }).first();
  }

  suggestedActions(): Locator {
    return this.root.getByRole('toolbar', { name: 'Suggested actions' }).getByRole('button');
  }

  /**
   * Waits for what a person would wait for before looking: Web Chat's connection notice gone
   * and the latest message scrolled into view.
   */
  async settle(): Promise<void> {
    await this.root.locator('.webchat__connectivityStatus').waitFor({ state: 'detached' });
    await this.root.locator('.webchat__bubble__content').last().scrollIntoViewIfNeeded();
  }

  async say(text: string): Promise<void> {
    const box = this.root.getByRole('textbox');
    await box.fill(text);
    await box.press('Enter');
  }
}

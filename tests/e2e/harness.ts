/**
 * What every browser test needs: a real Gavel server on a free port of 127.0.0.1 with a
 * temporary data folder and a clock the test moves, and Debian's Chromium driven by
 * playwright-core. Screenshots go to a temporary folder, never into the repository.
 */
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { createApp, type App } from '../../server/app.ts';
import { builtInPlenary } from '../../server/config.ts';
import { offsetClock, systemClock, type AdjustableClock } from '../../server/clock.ts';
import type { SessionView } from '../../shared/views.ts';

export const CHROMIUM_PATH = process.env.GAVEL_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export const MODERATOR_TOKEN = 'test-moderator-token-0123456789abcdef';
export const STAGE_KEY = 'test-stage-key-0123456789abcdef';
export const OFFICER_TOKEN = 'test-floor-officer-token-0123456789';
export const SECRETARIAT_TOKEN = 'test-secretariat-token-0123456789';
export const SESSION = 'asp15-cooperation';

/** Where the suite's screenshots go: a temporary folder, printed once. */
export const SCREENSHOTS = process.env.GAVEL_SCREENSHOTS ?? join(tmpdir(), 'gavel-screenshots');
mkdirSync(SCREENSHOTS, { recursive: true });

export interface RunningGavel {
  readonly url: string;
  readonly port: number;
  /** The server's clock: real time, which a test may jump forward. */
  readonly clock: AdjustableClock;
  readonly dataDir: string;
  /** Stops the server, keeping the data folder (for a restart). */
  stop(): Promise<void>;
  /** Starts it again on the same port and data folder. */
  restart(): Promise<void>;
  /** Stops it and removes the data folder. */
  close(): Promise<void>;
  /** Sends one command over HTTP as the moderator; throws on a refusal. */
  command(command: Record<string, unknown>): Promise<number>;
  /** The session as the moderator's console sees it, from the API (for ids to act on). */
  moderatorView(): Promise<SessionView>;
}

/** Starts a real Gavel server on a free port with the built-in plenary. */
export async function startGavel(
  options: { port?: number; dataDir?: string } = {},
): Promise<RunningGavel> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'gavel-e2e-'));
  const clock = offsetClock(systemClock());
  let app: App;
  let port = options.port ?? 0;

  const boot = async () => {
    app = await createApp({
      dataDir,
      clock,
      moderatorToken: MODERATOR_TOKEN,
      stageKey: STAGE_KEY,
      floorOfficerToken: OFFICER_TOKEN,
      secretariatToken: SECRETARIAT_TOKEN,
      testClock: true,
      programmes: [builtInPlenary()],
    });
    await new Promise<void>((resolve, reject) => {
      app.httpServer.once('error', reject);
      app.httpServer.listen(port, '127.0.0.1', () => resolve());
    });
    port = (app.httpServer.address() as AddressInfo).port;
  };
  await boot();

  const running: RunningGavel = {
    get url() {
      return `http://127.0.0.1:${port}`;
    },
    get port() {
      return port;
    },
    clock,
    dataDir,
    stop: () => app.close(),
    restart: boot,
    async close() {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
    async command(command) {
      const res = await fetch(`${running.url}/api/sessions/${SESSION}/commands`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${MODERATOR_TOKEN}` },
        body: JSON.stringify(command),
      });
      const body = (await res.json()) as {
        ok: boolean;
        version?: number;
        error?: { message: string };
      };
      if (!body.ok) throw new Error(`${String(command.type)} refused: ${body.error?.message}`);
      return body.version ?? -1;
    },
    async moderatorView() {
      const res = await fetch(`${running.url}/api/sessions/${SESSION}`, {
        headers: { authorization: `Bearer ${MODERATOR_TOKEN}` },
      });
      return (await res.json()) as SessionView;
    },
  };
  return running;
}

/** Launches Debian's Chromium headless. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

export const PHONE = { width: 390, height: 844 } as const;
export const STAGE = { width: 1920, height: 1080 } as const;
export const LAPTOP = { width: 1440, height: 900 } as const;

/** A fresh browser context (its own storage) at a size, in a language. */
export async function openPage(
  browser: Browser,
  url: string,
  viewport: { width: number; height: number },
  locale = 'en-GB',
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, locale, deviceScaleFactor: 1 });
  const page = await context.newPage();
  await page.goto(url);
  return { context, page };
}

/** Saves a screenshot under SCREENSHOTS and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/**
 * A server and a browser for one test file: started before its tests, closed after them. The
 * getters read the running ones.
 */
export function gavelAndBrowser(): { readonly gavel: RunningGavel; readonly browser: Browser } {
  let gavel: RunningGavel | null = null;
  let browser: Browser | null = null;
  beforeAll(async () => {
    gavel = await startGavel();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await gavel?.close();
  });
  return {
    get gavel() {
      if (!gavel) throw new Error('The server starts before the tests.');
      return gavel;
    },
    get browser() {
      if (!browser) throw new Error('The browser starts before the tests.');
      return browser;
    },
  };
}

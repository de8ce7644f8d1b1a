/**
 * The displays against the built app and a real server: the stage at 1920×1080 and the live page
 * at 390×844, in English and French, driven by a moderator's commands over HTTP. Time is moved,
 * never waited for: the server's clock and each browser's clock (playwright's page clock,
 * installed before the page loads, running at real speed) jump forward together, so the pages'
 * estimate of the server's time stays right. Screenshots of every phase go to SCREENSHOTS.
 */
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { gavelAndBrowser, PHONE, SCREENSHOTS, SESSION, STAGE, STAGE_KEY } from './harness.ts';

const POLL = { timeout: 10_000, interval: 50 } as const;

const run = gavelAndBrowser();
const contexts: BrowserContext[] = [];

/** A page in its own context, with the browser clock installed before anything loads. */
async function open(
  path: string,
  viewport: { width: number; height: number },
  locale: string,
  colorScheme: 'light' | 'dark' = 'light',
  deviceScaleFactor = 1,
): Promise<Page> {
  const context = await run.browser.newContext({
    viewport,
    locale,
    colorScheme,
    deviceScaleFactor,
  });
  await context.clock.install();
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(`${run.gavel.url}${path}`);
  return page;
}

/** Moves the server's time and every page's time forward together. */
async function advanceBoth(ms: number): Promise<void> {
  run.gavel.clock.advance(ms);
  await Promise.all(contexts.map((c) => c.clock.fastForward(ms)));
}

async function shoot(
  page: Page,
  name: string,
  options: { omitBackground?: boolean; fullPage?: boolean } = {},
): Promise<Buffer> {
  return page.screenshot({
    path: join(SCREENSHOTS, `${name}.png`),
    animations: 'disabled',
    ...options,
  });
}

const text = (page: Page, testId: string) => page.getByTestId(testId).first().textContent();

/** The stage's figure and phase, read in one go so they belong to the same frame. */
function stageReading(page: Page): Promise<{ figure: string; phase: string }> {
  return page.evaluate(() => ({
    figure: document.querySelector('[data-testid=stage-countdown]')?.textContent ?? '',
    phase: document.querySelector('[data-testid=stage]')?.getAttribute('data-phase') ?? '',
  }));
}

/** Signed seconds of a figure: `1:58` → 118, `+0:02` → −2. */
function seconds(figure: string): number {
  const over = figure.startsWith('+');
  const [m, s] = figure.replace('+', '').split(':').map(Number);
  const total = (m ?? 0) * 60 + (s ?? 0);
  return over ? -total : total;
}

/** The phase the rules give for a figure of Ms Bensouda's 11 minutes (amber at 2:00, red at 1:00). */
function phaseOfFigure(figure: string): string {
  const s = seconds(figure);
  if (figure.startsWith('+')) return 'overtime';
  if (s <= 60) return 'danger';
  if (s <= 120) return 'warning';
  return 'normal';
}

describe('displays', () => {
  let stageEn: Page;
  let stageFr: Page;
  let liveEn: Page;
  let liveFr: Page;

  beforeAll(async () => {
    [stageEn, stageFr, liveEn, liveFr] = await Promise.all([
      open(`/stage/${SESSION}?key=${STAGE_KEY}`, STAGE, 'en-GB'),
      open(`/stage/${SESSION}?key=${STAGE_KEY}&clock`, STAGE, 'fr-FR'),
      open(`/live/${SESSION}`, PHONE, 'en-GB'),
      open('/', PHONE, 'fr-FR'),
    ]);
  });

  it('shows the live address and a QR code before the meeting, and takes the key out of the address', async () => {
    await stageEn.getByTestId('stage-idle').waitFor();
    expect(await stageEn.getByTestId('qr-code').count()).toBe(1);
    expect(await text(stageEn, 'stage-live-address')).toContain(`/live/${SESSION}`);
    expect(stageEn.url()).not.toContain('key=');
    await stageFr.getByTestId('stage-idle').waitFor();
    expect(await text(stageFr, 'stage-status')).toBe('Pas encore commencée');
    // `/` opens the only session.
    await liveFr.getByTestId('live-now-none').waitFor();
    expect(await text(liveFr, 'live-status')).toContain('Pas encore commencée');
    await shoot(stageEn, 'stage-before-en');
    await shoot(stageFr, 'stage-before-fr');
    await shoot(liveEn, 'live-before-en');
    await shoot(liveFr, 'live-before-fr');
  });

  it('opens every page on a WebSocket at once, with no long-polling requests before it', async () => {
    for (const page of [stageEn, stageFr, liveEn, liveFr]) {
      const polls = await page.evaluate(
        () =>
          performance
            .getEntriesByType('resource')
            .filter((entry) => entry.name.includes('/socket.io/')).length,
      );
      expect(polls).toBe(0);
    }
  });

  it('falls back to long-polling on a network that blocks the WebSocket', async () => {
    const context = await run.browser.newContext({ viewport: PHONE, locale: 'en-GB' });
    contexts.push(context);
    // What a proxy that refuses the upgrade leaves a page: every WebSocket fails as it opens.
    await context.addInitScript(() => {
      const Real = window.WebSocket;
      window.WebSocket = class extends Real {
        constructor(url: string | URL, protocols?: string | string[]) {
          super(String(url).replace(/\/\/[^/]+/, '//127.0.0.1:9'), protocols);
        }
      };
    });
    const phone = await context.newPage();
    await phone.goto(`${run.gavel.url}/live/${SESSION}`);
    // The page has the meeting from the server, and says which state it is in.
    await expect.poll(() => text(phone, 'live-status'), POLL).toBe('Not started');
    const polls = await phone.evaluate(
      () =>
        performance
          .getEntriesByType('resource')
          .filter((entry) => entry.name.includes('/socket.io/?') && entry.name.includes('polling'))
          .length,
    );
    expect(polls).toBeGreaterThan(0);
  });

  it("shows a moderator's next speaker on the stage and on a phone", async () => {
    await run.gavel.command({ type: 'session.start' });
    await run.gavel.command({ type: 'speaker.next' });
    await expect.poll(() => text(stageEn, 'stage-speaker'), POLL).toBe('Ambassador Paul Wilke');
    await expect.poll(() => text(liveEn, 'live-now-speaker'), POLL).toBe('Ambassador Paul Wilke');
    await run.gavel.command({ type: 'speaker.next' });
    await expect.poll(() => text(stageEn, 'stage-speaker'), POLL).toBe('Mr Arie IJzerman');
    await expect.poll(() => text(liveEn, 'live-now-speaker'), POLL).toBe('Mr Arie IJzerman');
    // The French phone gives the honorific in French.
    await expect.poll(() => text(liveFr, 'live-now-speaker'), POLL).toBe('M. Arie IJzerman');
    expect(await text(stageEn, 'stage-next')).toContain('Ms Fatou Bensouda');
    // Called and passed over before the clock ran: not heard, so skipped rather than done.
    expect(await liveEn.getByTestId('live-item-opening').getAttribute('data-status')).toBe(
      'skipped',
    );
    // Screen readers hear the change of speaker, from a region that holds the name only.
    expect(await text(liveEn, 'live-announcer')).toContain('Mr Arie IJzerman');
  });

  it('passes through warning, danger and overtime at the right moments', async () => {
    const stages = [stageEn, stageFr];
    const all = [
      { page: stageEn, name: 'stage', lang: 'en' },
      { page: stageFr, name: 'stage', lang: 'fr' },
      { page: liveEn, name: 'live', lang: 'en' },
      { page: liveFr, name: 'live', lang: 'fr' },
    ];
    const livePhase = (page: Page) => page.getByTestId('live-timer').getAttribute('data-phase');
    const shootAll = async (phase: string) => {
      for (const { page, name, lang } of all) await shoot(page, `${name}-${phase}-${lang}`);
    };

    // Ms Bensouda: 11 minutes, amber from 2:00 left, red from 1:00.
    await run.gavel.command({ type: 'speaker.next', start: true });
    await expect.poll(() => text(stageEn, 'stage-speaker'), POLL).toBe('Ms Fatou Bensouda');
    for (const page of stages) {
      await expect.poll(async () => (await stageReading(page)).phase, POLL).toBe('normal');
    }
    await expect.poll(() => livePhase(liveFr), POLL).toBe('normal');
    expect(await text(stageFr, 'stage-phase')).toBe('Dans les temps');
    await shootAll('normal');

    const steps = [
      {
        before: 'normal',
        after: 'warning',
        atMs: 120_000,
        en: 'Time to conclude',
        fr: 'Veuillez conclure',
      },
      {
        before: 'warning',
        after: 'danger',
        atMs: 60_000,
        en: 'Time is almost up',
        fr: 'Temps presque écoulé',
      },
      { before: 'danger', after: 'overtime', atMs: 0, en: 'Over time', fr: 'Temps dépassé' },
    ];
    for (const step of steps) {
      // Two seconds before the boundary, held still so the reading is exact.
      await run.gavel.command({ type: 'timer.pause' });
      await run.gavel.command({ type: 'timer.set', remainingMs: step.atMs + 2_000 });
      const held = `${Math.floor((step.atMs + 2_000) / 60_000)}:${String(((step.atMs + 2_000) / 1000) % 60).padStart(2, '0')}`;
      for (const page of stages) {
        await expect
          .poll(() => stageReading(page), POLL)
          .toEqual({ figure: held, phase: step.before });
      }
      await run.gavel.command({ type: 'timer.start' });
      // 3.5 s later the boundary is 1.5 s behind.
      await advanceBoth(3_500);
      for (const page of stages) {
        await expect.poll(async () => (await stageReading(page)).phase, POLL).toBe(step.after);
        const reading = await stageReading(page);
        expect(phaseOfFigure(reading.figure)).toBe(reading.phase);
      }
      await expect.poll(() => livePhase(liveEn), POLL).toBe(step.after);
      await expect.poll(() => livePhase(liveFr), POLL).toBe(step.after);
      expect(await text(stageEn, 'stage-phase')).toBe(step.en);
      expect(await text(stageFr, 'stage-phase')).toBe(step.fr);
      if (step.after !== 'overtime') await shootAll(step.after);
    }

    // Overtime counts up with a "+", flashes a few seconds, then holds still.
    // (Read in one frame: on a loaded machine a second or two may have passed since the jump.)
    const over = await stageEn.evaluate(() => ({
      figure: document.querySelector('[data-testid=stage-countdown]')?.textContent ?? '',
      flashing: document.querySelector('.stage-turn-flashing') !== null,
    }));
    expect(over.figure).toMatch(/^\+0:0\d$/);
    expect(over.flashing).toBe(seconds(over.figure) >= -6);
    expect(await text(liveEn, 'live-countdown')).toMatch(/^0:0\d over$/);
    await run.gavel.command({ type: 'timer.adjust', deltaMs: -5_000 });
    await expect.poll(() => stageEn.locator('.stage-turn-flashing').count(), POLL).toBe(0);
    await expect
      .poll(async () => seconds((await stageReading(stageEn)).figure), POLL)
      .toBeLessThan(-6);
    await shootAll('overtime');
    await liveEn.emulateMedia({ colorScheme: 'dark' });
    await shoot(liveEn, 'live-overtime-en-dark');
    await liveEn.emulateMedia({ colorScheme: 'light' });
  });

  it('reflows the live page at 200 % zoom without scrolling sideways', async () => {
    // A 390 px phone at 200 %: half the CSS pixels, each drawn twice as large.
    const page = await open(`/live/${SESSION}`, { width: 195, height: 422 }, 'fr-FR', 'light', 2);
    await expect.poll(() => text(page, 'live-now-speaker'), POLL).toBe('Mme Fatou Bensouda');
    await shoot(page, 'live-zoom200-fr');
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
  });

  it('shows the message, blanks and flashes the stage, and shows the floor code during a suspension', async () => {
    await run.gavel.command({
      type: 'message.show',
      text: 'Please conclude your remarks',
      flash: true,
    });
    await expect.poll(() => text(stageEn, 'stage-message'), POLL).toContain('Please conclude');
    expect(await stageEn.getByTestId('stage-message').getAttribute('data-mode')).toBe('third');
    // A viewer never sees the message to the speaker.
    expect(await liveEn.getByText('Please conclude').count()).toBe(0);
    await shoot(stageEn, 'stage-message-en');
    await run.gavel.command({
      type: 'message.show',
      text: 'Two minutes, please',
      fullscreen: true,
    });
    await expect
      .poll(() => stageEn.getByTestId('stage-message').getAttribute('data-mode'), POLL)
      .toBe('full');
    await shoot(stageFr, 'stage-message-full-fr');
    await run.gavel.command({ type: 'message.clear' });
    await expect.poll(() => stageEn.getByTestId('stage-message').count(), POLL).toBe(0);

    await run.gavel.command({ type: 'stage.blank', on: true });
    await stageEn.getByTestId('stage-blank').waitFor();
    await run.gavel.command({ type: 'stage.blank', on: false });
    await stageEn.getByTestId('stage-countdown').waitFor();
    await run.gavel.command({ type: 'stage.flash' });
    await expect.poll(() => stageEn.locator('.stage-flash').count(), POLL).toBe(1);
    await advanceBoth(3_500);
    await expect.poll(() => stageEn.locator('.stage-flash').count(), POLL).toBe(0);

    await run.gavel.command({ type: 'floor.open', floorCode: 'ICC42' });
    await run.gavel.command({ type: 'floor.request', delegation: 'deu', kind: 'statement' });
    await run.gavel.command({
      type: 'floor.request',
      delegation: 'cri',
      kind: 'reply',
      speakerName: 'Ms Ana Solís',
    });
    await expect.poll(() => text(stageEn, 'stage-floor-code'), POLL).toContain('ICC42');
    await expect.poll(() => text(liveFr, 'live-speakers'), POLL).toContain('Allemagne');
    await expect.poll(() => text(liveEn, 'live-speakers'), POLL).toContain('Germany');
    await run.gavel.command({ type: 'session.suspend' });
    await expect.poll(() => text(stageEn, 'stage-status'), POLL).toBe('Suspended');
    expect(await text(stageFr, 'stage-floor-code')).toContain('ICC42');
    expect(await stageFr.getByTestId('qr-code').count()).toBe(1);
    await expect.poll(() => text(liveEn, 'live-status'), POLL).toContain('Suspended');
    await shoot(stageEn, 'stage-suspended-en');
    await shoot(stageFr, 'stage-suspended-fr');
    await shoot(liveFr, 'live-suspended-fr', { fullPage: true });
    await run.gavel.command({ type: 'session.resume' });
    await run.gavel.command({ type: 'timer.start' });
    await stageEn.getByTestId('stage-countdown').waitFor();
  });

  it('keeps counting offline and follows a restarted server without a reload', async () => {
    for (const page of [stageEn, liveEn]) {
      await page.evaluate(() => Object.assign(window, { gavelMarker: 'same page' }));
    }
    const before = seconds((await stageReading(stageEn)).figure);
    await run.gavel.stop();
    await stageEn.getByTestId('offline-badge').waitFor();
    await liveEn.getByTestId('offline-badge').waitFor();
    expect(await text(stageEn, 'offline-badge')).toBe('Offline — reconnecting');
    expect(await text(stageFr, 'offline-badge')).toBe('Hors ligne — reconnexion');
    // Still counting from what it had.
    await Promise.all(contexts.map((c) => c.clock.fastForward(2_000)));
    await expect
      .poll(async () => seconds((await stageReading(stageEn)).figure), POLL)
      .toBeLessThanOrEqual(before - 2);
    await shoot(stageEn, 'stage-offline-en');

    await run.gavel.restart();
    // Let each page's reconnection backoff run out now rather than in real seconds.
    await Promise.all(contexts.map((c) => c.clock.fastForward(5_000)));
    for (const page of [stageEn, stageFr, liveEn, liveFr]) {
      await expect.poll(() => page.getByTestId('offline-badge').count(), POLL).toBe(0);
    }
    await run.gavel.command({ type: 'speaker.next' });
    await expect.poll(() => text(stageEn, 'stage-speaker'), POLL).toBe('Mr AlSidieg Ahmed Al-Sour');
    await expect
      .poll(() => text(liveEn, 'live-now-speaker'), POLL)
      .toBe('Mr AlSidieg Ahmed Al-Sour');
    for (const page of [stageEn, liveEn]) {
      expect(
        await page.evaluate(() => (window as unknown as { gavelMarker?: string }).gavelMarker),
      ).toBe('same page');
    }
  });

  it('keeps the screen awake, and says so once where the wake lock is refused', async () => {
    await expect
      .poll(() => stageEn.getByTestId('stage').getAttribute('data-wake'), POLL)
      .not.toBe('pending');
    // Plain http on a LAN address has no Screen Wake Lock: taken away here before the page loads.
    const context = await run.browser.newContext({ viewport: STAGE, locale: 'en-GB' });
    await context.addInitScript(() => {
      delete (Navigator.prototype as { wakeLock?: unknown }).wakeLock;
    });
    const page = await context.newPage();
    await page.goto(`${run.gavel.url}/stage/${SESSION}?key=${STAGE_KEY}&next=0&mirror&theme=light`);
    await page.getByTestId('stage-wake-notice').waitFor();
    expect(await page.getByTestId('stage').getAttribute('data-wake')).toBe('video');
    await expect
      .poll(
        () =>
          page
            .locator('video[data-testid=keep-awake-video]')
            .evaluate((v: HTMLVideoElement) => !v.paused),
        POLL,
      )
      .toBe(true);
    // The AV crew's options: no "Next:" line, mirrored, light.
    await page.getByTestId('stage-countdown').waitFor();
    expect(await page.getByTestId('stage-next').count()).toBe(0);
    expect(await page.getByTestId('stage').getAttribute('class')).toMatch(
      /stage-mirror.*stage-theme-light|stage-theme-light.*stage-mirror/,
    );
    await shoot(page, 'stage-wake-fallback-light-mirror-en');
    await context.close();
  });

  it('renders the overlay on a transparent background', async () => {
    const page = await open(`/overlay/${SESSION}?time`, STAGE, 'en-GB');
    await expect.poll(() => text(page, 'overlay-speaker'), POLL).toBe('Mr AlSidieg Ahmed Al-Sour');
    await expect.poll(() => page.getByTestId('overlay-time').count(), POLL).toBe(1);
    const backgrounds = await page.evaluate(() =>
      [document.documentElement, document.body].map((el) => getComputedStyle(el).backgroundColor),
    );
    expect(backgrounds).toEqual(['rgba(0, 0, 0, 0)', 'rgba(0, 0, 0, 0)']);
    // Wait for the fade-in to end, then read the pixels of a screenshot without a page background.
    await expect
      .poll(
        () => page.locator('.overlay-third').evaluate((el) => getComputedStyle(el).opacity),
        POLL,
      )
      .toBe('1');
    const png = await shoot(page, 'overlay-en', { omitBackground: true });
    const plate = await page.getByTestId('overlay-speaker').boundingBox();
    const alphas = await page.evaluate(
      async ({ data, x, y }) => {
        const img = new Image();
        img.src = `data:image/png;base64,${data}`;
        await img.decode();
        const canvas = document.createElement('canvas');
        canvas.width = img.width;
        canvas.height = img.height;
        const ctx = canvas.getContext('2d');
        if (!ctx) return [];
        ctx.drawImage(img, 0, 0);
        return [ctx.getImageData(20, 20, 1, 1).data[3], ctx.getImageData(x, y, 1, 1).data[3]];
      },
      {
        data: png.toString('base64'),
        x: Math.round((plate?.x ?? 0) + 4),
        y: Math.round((plate?.y ?? 0) + 4),
      },
    );
    expect(alphas[0]).toBe(0);
    expect(alphas[1]).toBeGreaterThan(200);
  });
});

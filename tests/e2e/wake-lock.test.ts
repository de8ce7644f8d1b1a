/**
 * The stage and the live page keep their screen awake, in headless Chromium against the real
 * server. On 127.0.0.1 the page is a secure context and headless Chromium grants the Screen Wake
 * Lock, so the first case uses the real lock: a script installed before the page loads records the
 * sentinels the page is given, and the test reads whether they are released. Headless Chromium
 * never hides a page (minimised windows and background tabs stay `visible`), so hiding is
 * simulated as the browser does it: the page reads `hidden`, its lock is released, then it is
 * shown again. The other cases take away only the browser feature a venue may lack: the Wake
 * Lock API (plain http on a LAN address), and then autoplay (a phone saving power plays nothing
 * before a tap). The silent video that stands in is the real element, read in the page.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { gavelAndBrowser, PHONE, SESSION, STAGE, STAGE_KEY } from './harness.ts';

const POLL = { timeout: 10_000, interval: 50 } as const;

const run = gavelAndBrowser();

interface Seen {
  requests: number;
  sentinels: WakeLockSentinel[];
  hidden: boolean;
  cspViolations: string[];
}

/**
 * Runs in the page before its scripts: records each wake lock the page is given (the real
 * sentinel, passed on untouched), lets the test hide the page, and collects CSP violations.
 */
function watchWakeLock(): void {
  const seen: Seen = { requests: 0, sentinels: [], hidden: false, cspViolations: [] };
  Object.defineProperty(window, '__wake', { value: seen });
  document.addEventListener('securitypolicyviolation', (e) =>
    seen.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`),
  );
  const state = Object.getOwnPropertyDescriptor(Document.prototype, 'visibilityState');
  Object.defineProperty(Document.prototype, 'visibilityState', {
    configurable: true,
    get(this: Document) {
      return seen.hidden ? 'hidden' : state?.get?.call(this);
    },
  });
  if (!('wakeLock' in navigator)) return;
  const request = WakeLock.prototype.request;
  WakeLock.prototype.request = async function (this: WakeLock, type?: WakeLockType) {
    seen.requests++;
    const sentinel = await request.call(this, type);
    seen.sentinels.push(sentinel);
    return sentinel;
  };
}

/** A browser without the Screen Wake Lock, as on plain http. */
function withoutWakeLock(): void {
  delete (Navigator.prototype as { wakeLock?: unknown }).wakeLock;
}

/** A browser that plays media only in answer to a tap or a key, as a phone saving power does. */
function playOnlyAfterGesture(): void {
  const play = HTMLMediaElement.prototype.play;
  HTMLMediaElement.prototype.play = function (this: HTMLMediaElement) {
    if (!navigator.userActivation.isActive) {
      return Promise.reject(new DOMException('play() needs a user gesture', 'NotAllowedError'));
    }
    return play.call(this);
  };
}

async function open(
  path: string,
  viewport: { width: number; height: number },
  locale: string,
  scripts: readonly (() => void)[] = [],
): Promise<Page> {
  const context = await run.browser.newContext({ viewport, locale, deviceScaleFactor: 1 });
  for (const script of [...scripts, watchWakeLock]) await context.addInitScript(script);
  const page = await context.newPage();
  await page.goto(`${run.gavel.url}${path}`);
  return page;
}

const stagePath = `/stage/${SESSION}?key=${STAGE_KEY}`;
const livePath = `/live/${SESSION}`;

/** How many wake locks the page asked for, and how many it holds now (not released). */
const locks = (page: Page) =>
  page.evaluate(() => {
    const seen = (window as unknown as { __wake: Seen }).__wake;
    return { requests: seen.requests, held: seen.sentinels.filter((s) => !s.released).length };
  });

/** The page goes out of sight (its lock released, as the browser does) and comes back. */
async function hideAndShow(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const seen = (window as unknown as { __wake: Seen }).__wake;
    seen.hidden = true;
    await Promise.all(seen.sentinels.map((s) => (s.released ? null : s.release())));
    document.dispatchEvent(new Event('visibilitychange'));
    seen.hidden = false;
    document.dispatchEvent(new Event('visibilitychange'));
  });
}

/** The silent video as the page has it, or null when there is none. */
const video = (page: Page) =>
  page.evaluate(() => {
    const v = document.querySelector<HTMLVideoElement>('video[data-testid=keep-awake-video]');
    if (!v) return null;
    const r = v.getBoundingClientRect();
    return {
      paused: v.paused,
      muted: v.muted,
      playsInline: v.playsInline,
      endless: v.duration === Infinity,
      frames: v.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA && v.videoWidth > 0,
      time: v.currentTime,
      onScreen: r.width > 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth,
    };
  });

const cspViolations = (page: Page) =>
  page.evaluate(() => (window as unknown as { __wake: Seen }).__wake.cspViolations);

const text = (page: Page, testId: string) => page.getByTestId(testId).textContent();

describe('keeping the screen awake', () => {
  it('holds a wake lock on the stage, and takes it again when the stage is shown again', async () => {
    const page = await open(stagePath, STAGE, 'en-GB');
    await expect.poll(() => page.getByTestId('stage').getAttribute('data-wake'), POLL).toBe('held');
    expect(await locks(page)).toEqual({ requests: 1, held: 1 });
    await hideAndShow(page);
    await expect.poll(() => locks(page), POLL).toEqual({ requests: 2, held: 1 });
    expect(await page.getByTestId('stage').getAttribute('data-wake')).toBe('held');
    expect(await video(page)).toBeNull();
    expect(await page.getByTestId('stage-wake-notice').count()).toBe(0);
    await page.context().close();
  });

  it('holds a wake lock on the live page while the meeting is live, and only then', async () => {
    const page = await open(livePath, PHONE, 'en-GB');
    await page.getByTestId('live-now-none').waitFor();
    expect(await page.getByTestId('live').getAttribute('data-wake')).toBe('off');
    expect(await locks(page)).toEqual({ requests: 0, held: 0 });

    await run.gavel.command({ type: 'session.start' });
    await expect.poll(() => locks(page), POLL).toEqual({ requests: 1, held: 1 });
    expect(await page.getByTestId('live').getAttribute('data-wake')).toBe('held');
    await hideAndShow(page);
    await expect.poll(() => locks(page), POLL).toEqual({ requests: 2, held: 1 });

    // A suspension (a break of an hour or a night) lets the phone sleep again.
    await run.gavel.command({ type: 'session.suspend' });
    await expect.poll(() => locks(page), POLL).toEqual({ requests: 2, held: 0 });
    expect(await page.getByTestId('live').getAttribute('data-wake')).toBe('off');
    await run.gavel.command({ type: 'session.resume' });
    await expect.poll(() => locks(page), POLL).toEqual({ requests: 3, held: 1 });
    expect(await page.getByTestId('live-wake-notice').count()).toBe(0);
    await page.context().close();
  });

  it('plays a silent video instead where there is no wake lock, on the stage and the live page', async () => {
    const stage = await open(stagePath, STAGE, 'en-GB', [withoutWakeLock]);
    const live = await open(livePath, PHONE, 'en-GB', [withoutWakeLock]);
    for (const [page, root] of [
      [stage, 'stage'],
      [live, 'live'],
    ] as const) {
      await expect.poll(() => page.getByTestId(root).getAttribute('data-wake'), POLL).toBe('video');
      const first = await video(page);
      // Playing, silent, inline on a phone, showing frames, within the screen (Chromium holds
      // the screen only for a video in sight), and a stream that never ends, so it needs no loop.
      expect(first).toMatchObject({
        paused: false,
        muted: true,
        playsInline: true,
        endless: true,
        frames: true,
        onScreen: true,
      });
      // And it goes on playing: its time moves.
      await expect
        .poll(async () => (await video(page))?.time ?? 0, POLL)
        .toBeGreaterThan(first?.time ?? 0);
      expect(await cspViolations(page)).toEqual([]);
    }
    // The stage says once that a video stands in; a delegate's phone needs no such word.
    expect(await text(stage, 'stage-wake-notice')).toContain('plays a silent, invisible video');
    expect(await live.getByTestId('live-wake-notice').count()).toBe(0);
    await stage.context().close();
    await live.context().close();
  });

  it('says so in English and French when neither works, and a tap lets the video play', async () => {
    const refused = [withoutWakeLock, playOnlyAfterGesture];
    const stageEn = await open(stagePath, STAGE, 'en-GB', refused);
    const stageFr = await open(stagePath, STAGE, 'fr-FR', refused);
    const liveEn = await open(livePath, PHONE, 'en-GB', refused);
    const liveFr = await open(livePath, PHONE, 'fr-FR', refused);

    await stageEn.getByTestId('stage-wake-notice').waitFor();
    expect(await text(stageEn, 'stage-wake-notice')).toContain('This screen may go to sleep');
    await stageFr.getByTestId('stage-wake-notice').waitFor();
    expect(await text(stageFr, 'stage-wake-notice')).toContain(
      'Cet écran risque de se mettre en veille\u202f:',
    );
    await liveEn.getByTestId('live-wake-notice').waitFor();
    expect(await text(liveEn, 'live-wake-notice')).toBe(
      'Your screen may go to sleep during the meeting: tap the page to keep it on.',
    );
    await liveFr.getByTestId('live-wake-notice').waitFor();
    expect(await text(liveFr, 'live-wake-notice')).toBe(
      'Votre écran risque de se mettre en veille pendant la réunion\u202f: touchez la page pour le garder allumé.',
    );
    for (const page of [stageEn, liveEn]) {
      expect(await video(page)).toMatchObject({ paused: true });
    }

    // The first tap is the gesture the browser waited for: the video plays, the warning goes.
    await liveEn.mouse.click(200, 600);
    await expect
      .poll(() => liveEn.getByTestId('live').getAttribute('data-wake'), POLL)
      .toBe('video');
    expect(await video(liveEn)).toMatchObject({ paused: false });
    expect(await liveEn.getByTestId('live-wake-notice').count()).toBe(0);
    await stageEn.mouse.click(960, 700);
    await expect
      .poll(() => stageEn.getByTestId('stage').getAttribute('data-wake'), POLL)
      .toBe('video');
    expect(await text(stageEn, 'stage-wake-notice')).toContain('plays a silent, invisible video');
    for (const page of [stageEn, stageFr, liveEn, liveFr]) await page.context().close();
  });
});

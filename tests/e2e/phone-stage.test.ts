/**
 * A phone raises a point of order (which interrupts the speaker once the moderator gives the
 * floor) and asks a question of a named panellist; withdrawing a request asks once. A stage opened
 * with `?chime` says it needs one click before it may play sound, and after that click chimes and
 * flashes when the countdown reaches zero. Chrome holds an AudioContext made before any click
 * suspended, but headless Chromium on a busy machine sometimes lets one run at once; so the test's
 * hook holds each context back itself, with the Web Audio API's own `suspend()`, as that policy
 * would, and the page must ask for the click. The hooks are installed before the page loads, watch
 * what the page asks of the Web Audio API, and the page exposes nothing.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { gavelAndBrowser, PHONE, SESSION, STAGE, STAGE_KEY } from './harness.ts';

const POLL = { timeout: 10_000, interval: 50 } as const;
/** Past the limit of one request every 10 s per device. */
const AFTER_RATE_LIMIT_MS = 10_500;

const run = gavelAndBrowser();

/**
 * Counts what the page asks of the Web Audio API, in the page, before any of its scripts run; and
 * holds each new AudioContext suspended, as a browser's autoplay policy does until a click.
 */
function watchAudio(): void {
  const seen = { resumed: 0, oscillators: 0 };
  Object.defineProperty(window, '__audioSeen', { value: seen });
  const Native = AudioContext;
  window.AudioContext = class HeldBack extends Native {
    constructor(options?: AudioContextOptions) {
      super(options);
      void this.suspend();
    }
  };
  const resume = AudioContext.prototype.resume;
  AudioContext.prototype.resume = function (this: AudioContext) {
    seen.resumed++;
    return resume.call(this);
  };
  const start = OscillatorNode.prototype.start;
  OscillatorNode.prototype.start = function (this: OscillatorNode, when?: number) {
    seen.oscillators++;
    start.call(this, when);
  };
}

interface AudioSeen {
  readonly resumed: number;
  readonly oscillators: number;
}

const audioSeen = (page: Page): Promise<AudioSeen> =>
  page.evaluate(() => (window as unknown as { __audioSeen: AudioSeen }).__audioSeen);

async function open(
  path: string,
  viewport: { width: number; height: number },
  locale: string,
): Promise<Page> {
  const context = await run.browser.newContext({ viewport, locale, deviceScaleFactor: 1 });
  await context.addInitScript(watchAudio);
  const page = await context.newPage();
  await page.goto(`${run.gavel.url}${path}`);
  return page;
}

async function latestRequest() {
  const requests = (await run.gavel.moderatorView()).floor.requests;
  const last = requests[requests.length - 1];
  if (!last) throw new Error('No request reached the server.');
  return last;
}

const stateOf = (page: Page, requestId: string) =>
  page.getByTestId(`my-request-${requestId}`).getByTestId('my-request-state').textContent();

describe('a phone and a stage', () => {
  beforeAll(async () => {
    // The first panellist speaking, the list of speakers open.
    await run.gavel.command({ type: 'session.start' });
    await run.gavel.command({ type: 'speaker.next', start: true });
    await run.gavel.command({ type: 'floor.open' });
  });

  it('raises a point of order, which interrupts the speaker once the moderator gives the floor', async () => {
    const phone = await open(`/live/${SESSION}`, PHONE, 'en-GB');
    await phone.getByTestId('live-ask').click();
    await phone.getByTestId('ask-delegation').fill('Belg');
    await phone.getByTestId('ask-delegation').press('Enter');
    expect(await phone.getByTestId('ask-delegation').inputValue()).toBe('Belgium');
    await phone.getByTestId('ask-kind-point-of-order').check();
    expect(await phone.getByTestId('ask-point-of-order-hint').textContent()).toContain(
      'interrupts the speaker',
    );
    await phone.getByTestId('ask-send').click();
    await expect.poll(() => phone.getByTestId('live-ask-form').count(), POLL).toBe(0);

    const request = await latestRequest();
    expect(request).toMatchObject({ kind: 'point-of-order', status: 'requested' });
    await expect.poll(() => stateOf(phone, request.id), POLL).toBe('Waiting for approval');
    expect(await phone.getByTestId(`my-request-${request.id}`).textContent()).toContain(
      'Point of order',
    );

    const before = await run.gavel.moderatorView();
    const speaking = before.current.turnId;
    const panellist = before.turns.find((t) => t.id === speaking)?.itemId ?? '';
    const stage = await open(`/stage/${SESSION}?key=${STAGE_KEY}`, STAGE, 'fr-FR');
    const overlay = await open(`/overlay/${SESSION}`, STAGE, 'en-GB');
    await run.gavel.command({ type: 'floor.approve', requestId: request.id });
    await run.gavel.command({ type: 'floor.give', requestId: request.id, start: true });
    await expect.poll(() => stateOf(phone, request.id), POLL).toBe('You have the floor');
    const view = await run.gavel.moderatorView();
    expect(view.turns.find((t) => t.id === view.current.turnId)).toMatchObject({
      kind: 'point-of-order',
      interrupts: speaking,
    });
    // One speaker speaks: the point of order. The panellist it interrupted says so, on the
    // phone's programme and its "Next:" line, and on the stage's, in French.
    const item = phone.getByTestId(`live-item-${panellist}`);
    await expect.poll(() => item.getAttribute('data-status'), POLL).toBe('interrupted');
    expect(await item.textContent()).toContain('interrupted');
    expect(await phone.locator('[data-testid^="live-item-"][data-status="speaking"]').count()).toBe(
      1,
    );
    expect(await phone.getByTestId('live-next').textContent()).toContain(
      'interrupted, resumes after the point of order',
    );
    await expect
      .poll(() => stage.getByTestId('stage-next').textContent(), POLL)
      .toContain('interrompu(e), reprend après la motion d’ordre');
    // The webcast's plate names the point of order's speaker, and whom it interrupted.
    await expect
      .poll(() => overlay.getByTestId('overlay-interrupts').textContent(), POLL)
      .toMatch(/^Point of order: .+ interrupted$/);
    expect(await overlay.getByTestId('overlay-speaker').textContent()).toBe('Belgium');
    // Ruled on: the panellist resumes, speaking again.
    await run.gavel.command({ type: 'speaker.finish' });
    expect((await run.gavel.moderatorView()).current.turnId).toBe(speaking);
    await expect.poll(() => item.getAttribute('data-status'), POLL).toBe('speaking');
    await expect.poll(() => overlay.getByTestId('overlay-interrupts').count(), POLL).toBe(0);
    await stage.context().close();
    await overlay.context().close();
    await phone.context().close();
  });

  it('asks a question of a named panellist, and withdrawing it asks once', async () => {
    run.gavel.clock.advance(AFTER_RATE_LIMIT_MS);
    const phone = await open(`/live/${SESSION}`, PHONE, 'en-GB');
    await phone.getByTestId('live-ask').click();
    await phone.getByTestId('ask-delegation').fill('Costa');
    await phone.getByTestId('ask-delegation').press('Enter');
    await phone.getByTestId('ask-kind-question').check();
    await phone.getByTestId('ask-panellist').selectOption('bensouda');
    await phone.getByTestId('ask-send').click();
    await expect.poll(() => phone.getByTestId('live-ask-form').count(), POLL).toBe(0);

    const request = await latestRequest();
    expect(request).toMatchObject({ kind: 'question', addressedTo: 'bensouda' });
    const mine = phone.getByTestId(`my-request-${request.id}`);
    await expect.poll(() => mine.textContent(), POLL).toContain('Question to Ms Fatou Bensouda');

    // The first tap only asks; "No" keeps the request.
    await mine.getByTestId('my-request-withdraw').click();
    expect(await mine.textContent()).toContain('Withdraw this request?');
    await mine.getByTestId('my-request-withdraw-no').click();
    expect(await mine.getByTestId('my-request-withdraw-yes').count()).toBe(0);
    expect((await latestRequest()).status).toBe('requested');
    expect(await stateOf(phone, request.id)).toBe('Waiting for approval');

    await mine.getByTestId('my-request-withdraw').click();
    await mine.getByTestId('my-request-withdraw-yes').click();
    await expect.poll(() => stateOf(phone, request.id), POLL).toBe('Withdrawn');
    expect((await latestRequest()).status).toBe('withdrawn');
    await phone.context().close();
  });

  it('with ?chime, asks for a click, then chimes and flashes at zero', async () => {
    const french = await open(`/stage/${SESSION}?key=${STAGE_KEY}&chime=1`, STAGE, 'fr-FR');
    await expect
      .poll(() => french.getByTestId('stage-chime-hint').textContent(), POLL)
      .toBe('Cliquez une fois pour autoriser le carillon');
    await french.context().close();

    const stage = await open(`/stage/${SESSION}?key=${STAGE_KEY}&chime=1`, STAGE, 'en-GB');
    await expect
      .poll(() => stage.getByTestId('stage-chime-hint').textContent(), POLL)
      .toBe('Click once to allow the chime');
    expect(await audioSeen(stage)).toMatchObject({ oscillators: 0 });

    // One click anywhere on the page allows the sound; the hint goes.
    await stage.mouse.click(200, 500);
    await expect.poll(() => stage.getByTestId('stage-chime-hint').count(), POLL).toBe(0);
    expect((await audioSeen(stage)).resumed).toBeGreaterThan(0);

    // A stage without ?chime stays silent and asks nothing.
    const quiet = await open(`/stage/${SESSION}?key=${STAGE_KEY}`, STAGE, 'en-GB');
    await expect.poll(() => quiet.getByTestId('stage-countdown').count(), POLL).toBe(1);

    // The panellist's countdown, three seconds from zero and running.
    await run.gavel.command({ type: 'timer.start' });
    await run.gavel.command({ type: 'timer.set', remainingMs: 3_000 });
    await expect
      .poll(() => stage.getByTestId('stage').getAttribute('class'), POLL)
      .toContain('stage-flash');
    await expect.poll(async () => (await audioSeen(stage)).oscillators, POLL).toBe(2);
    expect(await quiet.getByTestId('stage').getAttribute('class')).not.toContain('stage-flash');
    expect(await audioSeen(quiet)).toMatchObject({ resumed: 0, oscillators: 0 });
    // Once: past zero it does not sound again.
    await expect
      .poll(() => stage.getByTestId('stage').getAttribute('class'), POLL)
      .not.toContain('stage-flash');
    expect((await audioSeen(stage)).oscillators).toBe(2);
  });
});

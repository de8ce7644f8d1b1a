/**
 * Accessibility in the browser (issue 15): every page — console, stage, live, overlay, report —
 * in English and in French, in the states a meeting puts it in, has no serious or critical
 * violation under axe-core; English pages are checked in the light colour scheme and French ones
 * in the dark, so both palettes are measured. Then the live page and the console are driven
 * with the keyboard alone: Tab reaches every control of the main flow, each shows a focus ring.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  launchChromium,
  LAPTOP,
  MODERATOR_TOKEN,
  PHONE,
  SESSION,
  STAGE,
  STAGE_KEY,
  startGavel,
  type RunningGavel,
} from './harness.ts';

const POLL = { timeout: 10_000, interval: 50 } as const;

type Language = 'en' | 'fr';
const LANGUAGES: readonly Language[] = ['en', 'fr'];
const LOCALE: Record<Language, string> = { en: 'en-GB', fr: 'fr-FR' };
const SCHEME: Record<Language, 'light' | 'dark'> = { en: 'light', fr: 'dark' };

let gavel: RunningGavel;
let browser: Browser;
const contexts: BrowserContext[] = [];

/** A page in its own context, in a language and its colour scheme. */
async function open(
  path: string,
  viewport: { width: number; height: number },
  lang: Language,
): Promise<Page> {
  const context = await browser.newContext({
    viewport,
    locale: LOCALE[lang],
    colorScheme: SCHEME[lang],
    deviceScaleFactor: 1,
  });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(`${gavel.url}${path}`);
  return page;
}

/**
 * Closes the pages opened so far: a page left open goes on rendering its countdown and holding its
 * socket, and a dozen of them slow down every later check on a two-core machine.
 */
async function closePages(): Promise<void> {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
}

/**
 * The stage as the room sees it: the pointer at rest, the full-screen button faded out. Checked
 * mid-fade, axe would measure the button's colour half-transparent.
 */
async function atRest(stage: Page): Promise<void> {
  await stage.locator('.stage-pointer-idle').waitFor({ state: 'attached' });
}

/**
 * The serious and critical violations axe finds on the page as it is now, one line each: the
 * rule, where, and where to read about it. Empty when the page passes.
 */
async function violations(page: Page): Promise<string[]> {
  // Transitions finish before colours are measured.
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => a.effect?.getTiming().iterations !== Infinity)
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );
  // Only the violations are read: axe need not detail what passed.
  const results = await new AxeBuilder({ page }).options({ resultTypes: ['violations'] }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) =>
      v.nodes.map(
        (n) =>
          `${v.impact} ${v.id}: ${n.target.join(' ')} — ${n.failureSummary?.split('\n').slice(1).join(' ').trim()} (${v.helpUrl})`,
      ),
    );
}

/** What each test found, page by page; a test checks every page before it fails. */
let found: string[] = [];

/** Checks a page, keeping its violations under its name. */
async function expectAccessible(page: Page, name: string): Promise<void> {
  found.push(...(await violations(page)).map((v) => `${name}: ${v}`));
}

describe('no serious or critical axe violation', { timeout: 180_000 }, () => {
  beforeAll(async () => {
    gavel = await startGavel();
    browser = await launchChromium();
  });

  beforeEach(() => {
    found = [];
  });

  // Every page of the test checked, the violations print one a line.
  afterEach(() => {
    expect(found, `\n${found.join('\n')}\n`).toEqual([]);
  });

  afterAll(async () => {
    await closePages();
    await browser?.close();
    await gavel?.close();
  });

  it.each(LANGUAGES)('on the console asking for its token (%s)', async (lang) => {
    const page = await open(`/console/${SESSION}`, LAPTOP, lang);
    await page.getByTestId('token-form').waitFor();
    await expectAccessible(page, `console token form (${lang})`);
    await closePages();
  });

  it('on every page before the session starts', async () => {
    for (const lang of LANGUAGES) {
      const live = await open(`/live/${SESSION}`, PHONE, lang);
      await live.getByTestId('live').waitFor();
      await expectAccessible(live, `live, scheduled (${lang})`);
      const stage = await open(`/stage/${SESSION}?key=${STAGE_KEY}`, STAGE, lang);
      await stage.getByTestId('stage').waitFor();
      await expectAccessible(stage, `stage, scheduled (${lang})`);
      await closePages();
    }
  });

  it('during the panel: a countdown and a message on the stage', async () => {
    await gavel.command({ type: 'session.start' });
    await gavel.command({ type: 'speaker.next', start: true });
    await gavel.command({ type: 'message.show', text: 'Please conclude your remarks' });
    for (const lang of LANGUAGES) {
      const console_ = await open(`/console/${SESSION}?token=${MODERATOR_TOKEN}`, LAPTOP, lang);
      await console_.locator('[data-testid="countdown"][data-running="true"]').waitFor();
      await expectAccessible(console_, `console, panel (${lang})`);

      const stage = await open(`/stage/${SESSION}?key=${STAGE_KEY}`, STAGE, lang);
      await stage.getByTestId('stage-message').waitFor();
      await stage.getByTestId('stage-countdown').waitFor();
      await atRest(stage);
      await expectAccessible(stage, `stage, countdown and message (${lang})`);

      const live = await open(`/live/${SESSION}`, PHONE, lang);
      await live.getByTestId('live-now-speaker').waitFor();
      await expectAccessible(live, `live, panel (${lang})`);

      const overlay = await open(`/overlay/${SESSION}?time`, STAGE, lang);
      await overlay.getByTestId('overlay').waitFor();
      await expectAccessible(overlay, `overlay (${lang})`);
      await closePages();
    }
    await gavel.command({ type: 'message.clear' });
  });

  it('during the open floor: the request form on the phone, the requests on the console', async () => {
    await gavel.command({ type: 'speaker.finish' });
    await gavel.command({ type: 'segment.end' });
    await gavel.command({ type: 'floor.open', floorCode: 'ICC42' });
    await gavel.command({ type: 'floor.request', delegation: 'deu', kind: 'statement' });
    await gavel.command({
      type: 'floor.request',
      delegation: 'cri',
      kind: 'reply',
      speakerName: 'Ms Ana Solís',
    });
    const phoneRequests: Record<Language, string> = { en: 'Fran', fr: 'Jap' };
    for (const lang of LANGUAGES) {
      const live = await open(`/live/${SESSION}`, PHONE, lang);
      await live.getByTestId('live-ask').click();
      await live.getByTestId('live-ask-form').waitFor();
      await live.getByTestId('ask-kind-question').check();
      await expectAccessible(live, `live, open floor with the request form (${lang})`);
      // A request sent from the phone: its state on the phone, and one to approve on the console.
      await live.getByTestId('ask-kind-statement').check();
      await live.getByTestId('ask-delegation').fill(phoneRequests[lang]);
      await live.getByTestId('ask-delegation').press('Enter');
      await live.getByTestId('ask-code').fill('ICC42');
      await live.getByTestId('ask-send').click();
      await live.getByTestId('my-requests').waitFor();
      await expectAccessible(live, `live, open floor with a request sent (${lang})`);

      const console_ = await open(`/console/${SESSION}?token=${MODERATOR_TOKEN}`, LAPTOP, lang);
      await console_.getByTestId('pending').waitFor();
      await expectAccessible(console_, `console, open floor (${lang})`);

      const stage = await open(`/stage/${SESSION}?key=${STAGE_KEY}`, STAGE, lang);
      await expect.poll(() => stage.getByTestId('stage-floor-code').count(), POLL).toBe(1);
      await atRest(stage);
      await expectAccessible(stage, `stage, open floor (${lang})`);
      await closePages();
    }
  });

  it('on the report with its turns', async () => {
    for (const lang of LANGUAGES) {
      const report = await open(`/report/${SESSION}?token=${MODERATOR_TOKEN}`, LAPTOP, lang);
      await expect
        .poll(() => report.locator('[data-testid="report-turns"] tbody tr').count(), POLL)
        .toBeGreaterThan(0);
      await expectAccessible(report, `report (${lang})`);
      await closePages();
    }
  });
});

/** What has the focus: its test id, else its tag and accessible text, for a failure message. */
const focusedName = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return 'body';
    const text = el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 30) ?? '';
    return el.getAttribute('data-testid') ?? `${el.tagName.toLowerCase()} "${text}"`;
  });

/**
 * Whether the focused element shows a focus ring: it matches :focus-visible and draws an outline
 * at least 2 px wide, or a box shadow. An outline drawn outside the element must differ from the
 * colour behind it (the nearest ancestor with a background), one drawn inside from the element's.
 */
const showsFocusRing = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body || !el.matches(':focus-visible')) return false;
    const style = getComputedStyle(el);
    if (style.boxShadow !== 'none') return true;
    if (style.outlineStyle === 'none' || parseFloat(style.outlineWidth) < 2) return false;
    const clear = (c: string) => c === 'transparent' || c === 'rgba(0, 0, 0, 0)';
    let behind = el;
    if (parseFloat(style.outlineOffset) >= 0) {
      behind = el.parentElement ?? document.documentElement;
      while (behind.parentElement && clear(getComputedStyle(behind).backgroundColor)) {
        behind = behind.parentElement;
      }
    }
    const background = getComputedStyle(behind).backgroundColor;
    return !clear(style.outlineColor) && style.outlineColor !== background;
  });

/**
 * Presses Tab until the element `selector` names has the focus, checking that every element
 * the focus passes shows a focus ring; fails after `max` presses.
 */
async function tabTo(page: Page, selector: string, max = 200): Promise<void> {
  // The page shows what the server answered a moment later on a busy machine: tab once it is there.
  // When it never does, the failure says what the page showed instead.
  await page
    .locator(selector)
    .first()
    .waitFor({ state: 'attached' })
    .catch(async (error: unknown) => {
      const shown = await page
        .evaluate(() => document.body.innerText.slice(0, 2000))
        .catch(() => '(the page did not answer)');
      throw new Error(`${String(error)}\nThe page showed:\n${shown}`);
    });
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press('Tab');
    const name = await focusedName(page);
    if (name === 'body') continue;
    const ring = await showsFocusRing(page);
    // An update that re-renders the focused row between the two reads drops the focus to the
    // page (a busy machine makes that likelier): that is no missing ring, so go on tabbing.
    if (!ring && (await focusedName(page)) === 'body') continue;
    expect(ring, `no focus ring on ${name}`).toBe(true);
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector} in ${max} presses.`);
}

const byTestId = (id: string) => `[data-testid="${id}"]`;

describe('with the keyboard alone', { timeout: 180_000 }, () => {
  let console_: Page;
  let phone: Page;

  beforeAll(async () => {
    gavel = await startGavel();
    browser = await launchChromium();
    console_ = await open(`/console/${SESSION}?token=${MODERATOR_TOKEN}`, LAPTOP, 'en');
    await console_.getByTestId('console').waitFor();
    phone = await open(`/live/${SESSION}`, PHONE, 'fr');
    await phone.getByTestId('live').waitFor();
  });

  afterAll(async () => {
    await closePages();
    await browser?.close();
    await gavel?.close();
  });

  it('reaches every control of the console by Tab, each with a visible focus ring', async () => {
    await console_.locator('[data-testid="session-status"][data-status="scheduled"]').waitFor();
    // Every control a mouse could use, in the page's order.
    const controls = await console_.evaluate(() =>
      Array.from(
        document.querySelectorAll<HTMLElement>(
          'a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])',
        ),
      )
        .filter((el) => el.checkVisibility() && !el.matches(':disabled'))
        .map((el, i) => {
          el.dataset.a11yControl = String(i);
          return i;
        }),
    );
    expect(controls.length).toBeGreaterThan(10);
    const reached = new Set<string>();
    const missingRing: string[] = [];
    for (let i = 0; i < controls.length * 2 + 20; i += 1) {
      await console_.keyboard.press('Tab');
      const mark = await console_.evaluate(
        () => (document.activeElement as HTMLElement | null)?.dataset.a11yControl ?? null,
      );
      if (mark === null) continue;
      if (reached.has(mark)) break;
      reached.add(mark);
      if (!(await showsFocusRing(console_))) missingRing.push(await focusedName(console_));
    }
    const unreached = await console_.evaluate(
      (seen) =>
        Array.from(document.querySelectorAll<HTMLElement>('[data-a11y-control]'))
          .filter((el) => !seen.includes(el.dataset.a11yControl ?? ''))
          .map((el) => el.getAttribute('data-testid') ?? el.outerHTML.slice(0, 80)),
      [...reached],
    );
    expect(unreached, 'controls Tab never reached').toEqual([]);
    expect(missingRing, 'controls without a visible focus ring').toEqual([]);
  });

  it('runs the console with Tab and Enter: start, next speaker, open floor', async () => {
    await tabTo(console_, byTestId('control-start-pause'));
    await console_.keyboard.press('Enter');
    await console_.locator('[data-testid="session-status"][data-status="live"]').waitFor();

    await tabTo(console_, byTestId('control-next'));
    await console_.keyboard.press('Enter');
    await console_.locator('[data-testid="current-turn"][data-item-id="opening"]').waitFor();

    // The panel's segment ends (it asks once: the dialog focuses its yes), the floor opens.
    await tabTo(console_, byTestId('control-end-segment'));
    await console_.keyboard.press('Enter');
    await console_.getByTestId('confirm').waitFor();
    expect(await focusedName(console_)).toBe('confirm-yes');
    await console_.keyboard.press('Enter');
    await expect.poll(() => console_.getByTestId('confirm').isVisible(), POLL).toBe(false);
    await tabTo(console_, `${byTestId('floor')} input`);
    await console_.keyboard.type('ICC42');
    await tabTo(console_, byTestId('floor-open'));
    await console_.keyboard.press('Enter');
    await expect
      .poll(() => console_.getByTestId('floor-code').textContent(), POLL)
      .toContain('ICC42');
  });

  /** Asks for the floor on the phone with the keyboard: the delegation chosen from the list. */
  async function askFromThePhone(delegation: string, chosen: string): Promise<string> {
    await tabTo(phone, byTestId('live-ask'));
    await phone.keyboard.press('Enter');
    await tabTo(phone, byTestId('ask-delegation'));
    await phone.keyboard.type(delegation);
    await phone.keyboard.press('ArrowDown');
    await phone.keyboard.press('ArrowUp');
    await phone.keyboard.press('Enter');
    expect(await phone.getByTestId('ask-delegation').inputValue()).toBe(chosen);
    await tabTo(phone, byTestId('ask-code'));
    await phone.keyboard.type('ICC42');
    await tabTo(phone, byTestId('ask-send'));
    await phone.keyboard.press('Enter');
    await phone.getByTestId('my-requests').waitFor();
    const requests = (await gavel.moderatorView()).floor.requests;
    const last = requests[requests.length - 1];
    if (!last) throw new Error('No request reached the server.');
    await phone.getByTestId(`my-request-${last.id}`).waitFor();
    return last.id;
  }

  it('asks for the floor from the live page; the console approves and gives it', async () => {
    const id = await askFromThePhone('Allem', 'Allemagne');
    await tabTo(console_, byTestId(`approve-${id}`));
    await console_.keyboard.press('Enter');
    await tabTo(console_, byTestId(`give-${id}`));
    await console_.keyboard.press('Enter');
    await expect
      .poll(
        () => phone.getByTestId(`my-request-${id}`).getByTestId('my-request-state').textContent(),
        POLL,
      )
      .toBe('Vous avez la parole');
  });

  it('asks again from the live page and withdraws the request', async () => {
    // Past the limit of one request every 10 s per device.
    gavel.clock.advance(10_500);
    const id = await askFromThePhone('Costa', 'Costa Rica');
    const mine = phone.getByTestId(`my-request-${id}`);
    await tabTo(phone, `${byTestId(`my-request-${id}`)} ${byTestId('my-request-withdraw')}`);
    await phone.keyboard.press('Enter');
    await tabTo(phone, byTestId('my-request-withdraw-yes'));
    await phone.keyboard.press('Enter');
    await expect
      .poll(() => mine.getByTestId('my-request-state').getAttribute('data-status'), POLL)
      .toBe('withdrawn');
  });
});

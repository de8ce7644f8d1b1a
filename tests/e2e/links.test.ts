/**
 * The console's links and message presets in a real browser: the stage's link with its key and
 * its QR code, the options form that changes the links (and the stage that reads them), the
 * dialog used with the keyboard, and a preset edited in the console that appears in the message
 * panel, in English and in French, and reaches the stage.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { create } from 'qrcode';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SessionView } from '../../shared/views.ts';
import {
  gavelAndBrowser,
  LAPTOP,
  MODERATOR_TOKEN,
  openPage,
  screenshot,
  SESSION,
  STAGE,
  STAGE_KEY,
} from './harness.ts';

const run = gavelAndBrowser();
let context: BrowserContext;
let page: Page;

/** The path QrCode.tsx draws for a text: the same modules, so the same picture. */
function qrPath(text: string): string {
  const { modules } = create(text, { errorCorrectionLevel: 'M' });
  const parts: string[] = [];
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; col++) {
      if (modules.get(row, col)) parts.push(`M${col + 4} ${row + 4}h1v1h-1z`);
    }
  }
  return parts.join('');
}

async function serverView(): Promise<SessionView> {
  const res = await fetch(`${run.gavel.url}/api/sessions/${SESSION}`, {
    headers: { authorization: `Bearer ${MODERATOR_TOKEN}` },
  });
  return (await res.json()) as SessionView;
}

const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 10_000 });

beforeAll(async () => {
  ({ context, page } = await openPage(
    run.browser,
    `${run.gavel.url}/console/${SESSION}?token=${MODERATOR_TOKEN}`,
    LAPTOP,
  ));
  await page.getByTestId('console').waitFor();
});

afterEach(async ({ task }) => {
  if (task.result?.state !== 'fail' || !page) return;
  console.error(`Screenshot: ${await screenshot(page, `links-failed-${task.name.slice(0, 30)}`)}`);
});

afterAll(async () => {
  await context?.close();
});

describe("the console's links", () => {
  it('shows the stage link with its key and its QR code, opened and closed with the keyboard', async () => {
    const open = page.getByTestId('links-open');
    await open.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByTestId('links-dialog');
    await page.getByTestId('links-panel').waitFor();
    const base = run.gavel.url;
    const stageLink = `${base}/stage/${SESSION}?key=${STAGE_KEY}`;
    expect(await page.getByTestId('links-stage-url').inputValue()).toBe(stageLink);
    expect(await page.getByTestId('links-live-url').inputValue()).toBe(`${base}/live/${SESSION}`);
    expect(await page.getByTestId('links-overlay-url').inputValue()).toBe(
      `${base}/overlay/${SESSION}`,
    );
    expect(await page.getByTestId('links-report-url').inputValue()).toBe(
      `${base}/report/${SESSION}`,
    );
    // The QR code is the stage's link itself, key included.
    const qr = page.getByTestId('links-stage').getByTestId('qr-code');
    expect(await qr.getAttribute('aria-label')).toBe('QR code of the Stage display');
    expect(await qr.locator('path').getAttribute('d')).toBe(qrPath(stageLink));
    // 127.0.0.1 is this machine only: the console says phones cannot follow.
    await page.getByTestId('links-loopback').waitFor();
    await screenshot(page, 'console-links-en');

    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await open.evaluate((el) => el === document.activeElement)).toBe(true);
  });

  it('builds the links from the options form, and the stage reads them', async () => {
    await page.getByTestId('links-open').click();
    await page.getByTestId('links-panel').waitFor();
    await page.getByTestId('links-option-lang').selectOption('fr');
    await page.getByTestId('links-option-theme').selectOption('light');
    await page.getByTestId('links-option-clock').check();
    await page.getByTestId('links-option-next').uncheck();
    await page.getByTestId('links-option-mirror').check();
    await page.getByTestId('links-option-time').check();
    const stageLink = `${run.gavel.url}/stage/${SESSION}?key=${STAGE_KEY}&lang=fr&clock&next=0&mirror&theme=light`;
    expect(await page.getByTestId('links-stage-url').inputValue()).toBe(stageLink);
    expect(await page.getByTestId('links-overlay-url').inputValue()).toBe(
      `${run.gavel.url}/overlay/${SESSION}?lang=fr&time`,
    );
    expect(await page.getByTestId('links-live-url').inputValue()).toBe(
      `${run.gavel.url}/live/${SESSION}?lang=fr`,
    );
    expect(
      await page
        .getByTestId('links-stage')
        .getByTestId('qr-code')
        .locator('path')
        .getAttribute('d'),
    ).toBe(qrPath(stageLink));
    expect(await page.getByTestId('links-stage-open').getAttribute('href')).toBe(stageLink);

    const stage = await openPage(run.browser, stageLink, STAGE);
    try {
      await stage.page.getByTestId('stage-clock').waitFor();
      expect(await stage.page.evaluate(() => document.documentElement.lang)).toBe('fr');
      const root = stage.page.locator('.stage-theme-light.stage-mirror');
      expect(await root.count()).toBe(1);
      // The key was read and taken out of the address; the options stay.
      expect(stage.page.url()).not.toContain(STAGE_KEY);
      expect(stage.page.url()).toContain('clock');
    } finally {
      await stage.context.close();
    }
    await page.getByTestId('links-close').click();
    await page.getByTestId('links-dialog').waitFor({ state: 'hidden' });
  });
});

describe('the message presets', () => {
  it('are edited in the console and appear in the message panel, in English and in French', async () => {
    const panel = page.getByTestId('message-panel');
    expect(await panel.getByTestId('preset-en-0').innerText()).toBe('Please conclude');
    await panel.getByTestId('preset-edit').click();
    const editor = panel.getByTestId('preset-editor');
    await editor.waitFor();
    // Focus is in the first field: the keyboard edits.
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('Two minutes left');
    await editor.getByTestId('preset-edit-fr-0').fill('Plus que deux minutes');
    await editor.getByTestId('preset-remove-3').click();
    await editor.getByTestId('preset-add').click();
    await editor.getByTestId('preset-edit-en-3').fill('Thank you');
    await editor.getByTestId('preset-edit-fr-3').fill('Merci');
    await editor.getByTestId('preset-up-3').click(); // Thank you, before "Time is up"
    await editor.getByTestId('preset-remove-1').click(); // "One minute"
    await editor.getByTestId('preset-save').click();
    await editor.waitFor({ state: 'detached' });

    const expected = [
      { en: 'Two minutes left', fr: 'Plus que deux minutes' },
      { en: 'Thank you', fr: 'Merci' },
      { en: 'Time is up', fr: 'Le temps est écoulé' },
    ];
    await poll(async () => (await serverView()).messagePresets).toEqual(expected);
    await poll(() => panel.locator('[data-testid^="preset-en-"]').allInnerTexts()).toEqual(
      expected.map((p) => p.en),
    );
    expect(await panel.locator('[data-testid^="preset-fr-"]').allInnerTexts()).toEqual(
      expected.map((p) => p.fr),
    );

    // In French, the console's words change; the presets are the same, in both languages.
    await page.getByTestId('lang-fr').click();
    await poll(() => panel.getByTestId('preset-edit').innerText()).toBe('Modifier');
    expect(await panel.getByRole('group', { name: 'Messages prêts' }).count()).toBe(1);
    expect(await panel.getByTestId('preset-fr-0').innerText()).toBe('Plus que deux minutes');
    await panel.getByTestId('preset-fr-0').click();
    await poll(async () => (await serverView()).message?.text).toBe('Plus que deux minutes');
    await screenshot(page, 'console-presets-fr');
    await page.getByTestId('lang-en').click();
  });

  it('says why a preset written twice is refused, and keeps the editor open', async () => {
    const panel = page.getByTestId('message-panel');
    await page.getByTestId('lang-en').click();
    await panel.getByTestId('preset-edit').click();
    const editor = panel.getByTestId('preset-editor');
    await editor.getByTestId('preset-edit-en-1').fill('Two minutes left');
    await editor.getByTestId('preset-save').click();
    await page.getByTestId('refusal').getByText('Two presets say "Two minutes left"').waitFor();
    expect(await editor.isVisible()).toBe(true);
    await editor.getByTestId('preset-cancel').click();
    await editor.waitFor({ state: 'detached' });
    expect(await panel.getByTestId('preset-en-1').innerText()).toBe('Thank you');
  });
});

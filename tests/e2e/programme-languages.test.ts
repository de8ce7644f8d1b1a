/**
 * A programme in two languages on real pages: the built-in plenary carries French, and a page in
 * French shows the meeting's title, the segments' titles and the panellists' functions in French,
 * an English page in English, and a switch of language changes them at once.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  gavelAndBrowser,
  openPage,
  PHONE,
  screenshot,
  SESSION,
  STAGE,
  STAGE_KEY,
} from './harness.ts';

const POLL = { timeout: 10_000, interval: 50 } as const;
const run = gavelAndBrowser();

const text = async (page: Page, testId: string) =>
  (await page.getByTestId(testId).first().textContent())?.trim() ?? '';

describe('the built-in plenary in French and English', () => {
  it('shows a French phone and stage the title, a segment and the Prosecutor’s function in French', async () => {
    await run.gavel.command({ type: 'session.start' });
    await run.gavel.command({ type: 'speaker.call', itemId: 'bensouda', start: true });

    const { context, page } = await openPage(
      run.browser,
      `${run.gavel.url}/live/${SESSION}`,
      PHONE,
      'fr-FR',
    );
    try {
      await expect.poll(() => text(page, 'live-now-speaker'), POLL).toBe('Mme Fatou Bensouda');
      expect(await text(page, 'live-now-role')).toBe('Procureure, Cour pénale internationale');
      expect(await page.locator('.live-title').textContent()).toMatch(
        /^Séance plénière sur la coopération — /,
      );
      expect(await page.title()).toMatch(/^Séance plénière sur la coopération/);
      expect(await page.getByTestId('live-segment-panel').locator('h3').textContent()).toContain(
        'Groupe de discussion interactif',
      );
      expect(await page.getByTestId('live-segment-floor').locator('h3').textContent()).toContain(
        'Segment interactif — débat ouvert aux États Parties',
      );
      await screenshot(page, 'languages-live-fr');

      // The same phone switched to English shows the same meeting in English.
      await page.getByTestId('live-lang-en').click();
      await expect
        .poll(() => text(page, 'live-now-role'), POLL)
        .toBe('Prosecutor, International Criminal Court');
      expect(await text(page, 'live-now-speaker')).toBe('Ms Fatou Bensouda');
      expect(await page.getByTestId('live-segment-panel').locator('h3').textContent()).toContain(
        'Interactive panel',
      );
    } finally {
      await context.close();
    }

    const stage = await openPage(
      run.browser,
      `${run.gavel.url}/stage/${SESSION}?key=${STAGE_KEY}`,
      STAGE,
      'fr-FR',
    );
    try {
      await expect.poll(() => text(stage.page, 'stage-role'), POLL).toContain('Procureure');
      expect(await text(stage.page, 'stage-topic')).toMatch(/^Objectif stratégique 9 du Bureau/);
      await screenshot(stage.page, 'languages-stage-fr');
    } finally {
      await stage.context.close();
    }
  });
});

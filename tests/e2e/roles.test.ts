/**
 * Each role's console shows what the role may do and nothing else: the floor officer's the list of
 * speakers and no timer or session controls; the secretariat's the record and no controls at all.
 */
import { describe, expect, it } from 'vitest';
import {
  gavelAndBrowser,
  LAPTOP,
  MODERATOR_TOKEN,
  OFFICER_TOKEN,
  openPage,
  SECRETARIAT_TOKEN,
  SESSION,
} from './harness.ts';

const run = gavelAndBrowser();

describe('consoles by role', () => {
  it("the floor officer's: the floor controls, no timer controls", async () => {
    await run.gavel.command({ type: 'session.start' });
    await run.gavel.command({ type: 'speaker.next', start: true });
    const { context, page } = await openPage(
      run.browser,
      `${run.gavel.url}/console/${SESSION}?token=${OFFICER_TOKEN}`,
      LAPTOP,
    );
    await page.getByTestId('console').waitFor();
    expect(await page.getByTestId('console').getAttribute('data-role')).toBe('floor-officer');
    await page.getByTestId('floor').waitFor();
    expect(await page.getByTestId('inscribe-form').count()).toBe(1);
    expect(await page.getByTestId('floor-open').count()).toBe(1);
    // The current turn is shown; the timer, the session and the programme are not its controls.
    expect(await page.getByTestId('current-turn').count()).toBe(1);
    for (const id of ['timer-set', 'timer-reset', 'control-suspend', 'control-recall', 'access']) {
      expect(await page.getByTestId(id).count(), id).toBe(0);
    }
    // What it may do works: opening the list of speakers.
    await page.getByTestId('floor-open').click();
    await expect
      .poll(async () => (await page.getByTestId('floor-status').textContent()) ?? '')
      .toMatch(/open/i);
    await context.close();
  });

  it("the secretariat's: the record, no controls", async () => {
    const { context, page } = await openPage(
      run.browser,
      `${run.gavel.url}/console/${SESSION}?token=${SECRETARIAT_TOKEN}`,
      LAPTOP,
    );
    await page.getByTestId('record').waitFor();
    expect(await page.getByTestId('console').getAttribute('data-role')).toBe('secretariat');
    await page.getByTestId('record-files').waitFor();
    for (const id of ['floor', 'inscribe-form', 'timer-set', 'control-suspend', 'access']) {
      expect(await page.getByTestId(id).count(), id).toBe(0);
    }
    // No button that sends a command: only the record's files.
    const buttons = await page.locator('.console-body button').allTextContents();
    expect(
      buttons.every((b) => /JSON|CSV/.test(b)),
      buttons.join(' | '),
    ).toBe(true);
    await context.close();
  });

  it("the secretariat's report: every turn, and no correction offered", async () => {
    await run.gavel.command({ type: 'speaker.finish' });
    const correctable = async (token: string) => {
      const { context, page } = await openPage(
        run.browser,
        `${run.gavel.url}/report/${SESSION}?token=${token}`,
        LAPTOP,
      );
      await page.locator('[data-testid^="report-turn-"]').first().waitFor();
      // The check of the role comes a moment after the record: wait until nothing is loading.
      await page.waitForLoadState('networkidle');
      const count = await page.locator('button[data-testid^="correct-"]').count();
      await context.close();
      return count;
    };
    expect(await correctable(SECRETARIAT_TOKEN)).toBe(0);
    expect(await correctable(MODERATOR_TOKEN)).toBeGreaterThan(0);
  });
});

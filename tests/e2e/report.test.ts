/**
 * The secretariat's printable record: the plenary run through the HTTP API on the server's
 * clock, a turn corrected after the meeting, then the report page opened and printed to PDF in
 * headless Chromium.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  LAPTOP,
  MODERATOR_TOKEN,
  openPage,
  screenshot,
  SCREENSHOTS,
  SESSION,
  gavelAndBrowser,
} from './harness.ts';

const run = gavelAndBrowser();

const MIN = 60_000;

describe('the report page', () => {
  it('shows every turn with its figures, a correction beside the original, and prints on A4', async () => {
    const send = run.gavel.command;
    await send({ type: 'session.start' });
    // Ambassador Wilke speaks 4:30 of his 4 minutes; the moderator's introduction 3:00.
    await send({ type: 'speaker.next', start: true });
    run.gavel.clock.advance(4.5 * MIN);
    await send({ type: 'speaker.next', start: true });
    // A minute in, the moderator restarts the clock; the introduction goes on for two more.
    run.gavel.clock.advance(1 * MIN);
    await send({ type: 'timer.reset' });
    await send({ type: 'timer.start' });
    run.gavel.clock.advance(2 * MIN);
    await send({ type: 'speaker.finish' });
    await send({ type: 'session.end' });
    // The introduction's start was pressed 20 s late: the secretariat corrects it.
    const view = (await (
      await fetch(`${run.gavel.url}/api/sessions/${SESSION}`, {
        headers: { authorization: `Bearer ${MODERATOR_TOKEN}` },
      })
    ).json()) as { turns: { id: string; itemId: string; firstStartedAt: number }[] };
    const intro = view.turns.find((t) => t.itemId === 'introduction');
    expect(intro).toBeDefined();
    await send({
      type: 'record.correct',
      turnId: intro?.id,
      startedAt: (intro?.firstStartedAt ?? 0) - 20_000,
      note: 'Start pressed 20 s late',
    });

    const { context, page } = await openPage(
      run.browser,
      `${run.gavel.url}/report/${SESSION}?token=${MODERATOR_TOKEN}`,
      LAPTOP,
    );
    await page.getByTestId('report-turns').waitFor();
    // The token left the address bar once read.
    expect(page.url()).not.toContain('token=');
    const rows = page.locator('[data-testid="report-turns"] tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    const wilke = await rows.nth(0).innerText();
    expect(wilke).toContain('Paul Wilke');
    expect(wilke).toContain('4:30'); // spoken
    expect(wilke).toContain('+0:30'); // over
    const correction = page.getByTestId(`report-corrected-${intro?.id}`);
    expect(await correction.innerText()).toContain('3:20');
    expect(await rows.nth(1).innerText()).toContain('3:00'); // the original stays beside it
    // The minute before the restart is spoken time, and the restart is noted.
    expect(await page.getByTestId(`report-restarted-${intro?.id}`).innerText()).toMatch(
      /^clock restarted at \d{2}:\d{2}:\d{2}, after 1:00 spoken$/,
    );
    await expect
      .poll(() => page.getByTestId('report-timeline').locator('rect.overrun').count())
      .toBe(1);
    await screenshot(page, 'report-en');

    // The secretariat corrects from the page: Ambassador Wilke's turn was a sound check.
    const wilkeId =
      (await rows.nth(0).getAttribute('data-testid'))?.replace('report-turn-', '') ?? '';
    await page.getByTestId(`correct-${wilkeId}`).click();
    const form = page.getByTestId(`correct-form-${wilkeId}`);
    await form.getByTestId('correct-counts').uncheck();
    await form.getByTestId('correct-note').fill('Sound check, not a statement');
    await form.getByTestId('correct-save').click();
    await page.getByTestId(`report-corrected-${wilkeId}`).waitFor();
    expect(await page.getByTestId(`report-corrected-${wilkeId}`).innerText()).toContain(
      'does not count',
    );
    expect(await rows.nth(0).getAttribute('class')).toContain('not-counted');
    expect(await rows.nth(0).innerText()).toContain('Sound check, not a statement');
    // The totals leave it out: only the introduction's corrected 3:20 remains.
    expect(await page.getByTestId('report-by-category').innerText()).toContain('3:20');
    // Dates in words, day first: "2 December 2026, 10:04:12", never "02/12/2026".
    const months =
      'January|February|March|April|May|June|July|August|September|October|November|December';
    const factsEn = await page.getByTestId('report-facts').innerText();
    expect(factsEn).toMatch(new RegExp(`\\b\\d{1,2} (${months}) \\d{4}, \\d{2}:\\d{2}:\\d{2}`));
    expect(factsEn).not.toMatch(/\d{2}\/\d{2}\/\d{4}/);
    await screenshot(page, 'report-corrected-en');

    await page.getByRole('button', { name: 'FR' }).click();
    await page.getByText('Compte rendu de la séance').waitFor();
    const mois =
      'janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre';
    expect(await page.getByTestId('report-facts').innerText()).toMatch(
      new RegExp(`\\b\\d{1,2} (${mois}) \\d{4}, \\d{2}:\\d{2}:\\d{2}`),
    );
    await screenshot(page, 'report-fr');

    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    const path = join(SCREENSHOTS, 'report.pdf');
    writeFileSync(path, pdf);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // The toolbar does not print.
    expect(await page.getByRole('button', { name: 'Imprimer' }).isVisible()).toBe(false);
    await context.close();
  });

  it('asks for the moderator token instead of showing the record to anyone', async () => {
    const { context, page } = await openPage(
      run.browser,
      `${run.gavel.url}/report/${SESSION}`,
      LAPTOP,
    );
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    const error = page.getByTestId('report-error');
    await error.waitFor();
    expect(await error.innerText()).toMatch(/secretariat|secrétariat/);
    await context.close();
  });
});

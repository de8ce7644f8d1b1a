/** Setting the time left outright, and restarting a turn's clock after a false start. */
import { describe, expect, it } from 'vitest';
import { gavelAndBrowser, LAPTOP, MODERATOR_TOKEN, openPage, SESSION } from './harness.ts';

const run = gavelAndBrowser();

interface Now {
  remainingMs: number | null;
  running: boolean;
}

async function now(): Promise<Now> {
  return (await (await fetch(`${run.gavel.url}/api/sessions/${SESSION}/now`)).json()) as Now;
}

describe('the timer from the console', () => {
  it('sets the time left, and restarts the clock from the full time after asking once', async () => {
    await run.gavel.command({ type: 'session.start' });
    await run.gavel.command({ type: 'speaker.next', start: true });
    run.gavel.clock.advance(60_000);
    const { context, page } = await openPage(
      run.browser,
      `${run.gavel.url}/console/${SESSION}?token=${MODERATOR_TOKEN}`,
      LAPTOP,
    );
    await page.getByTestId('timer-set-input').fill('2:30');
    await page.getByTestId('timer-set-submit').click();
    await expect.poll(async () => (await now()).remainingMs ?? 0).toBeLessThanOrEqual(150_000);
    const after = await now();
    // Set "from now": the server's clock runs on, so a little less may be left when asked.
    expect(after.remainingMs).toBeGreaterThan(145_000);
    expect(after.running).toBe(true);
    expect(await page.getByTestId('timer-set-input').inputValue()).toBe('');

    await page.getByTestId('timer-reset').click();
    await page.getByTestId('confirm-yes').click();
    await expect.poll(async () => (await now()).running).toBe(false);
    // Ambassador Wilke's four minutes, whole again; the minute and more he spoke stays spoken (the
    // server's clock ran on a little while the page was driven), where it used to fall to 0:00.
    expect((await now()).remainingMs).toBe(240_000);
    await expect.poll(() => page.getByTestId('countdown-figure').textContent()).toBe('4:00');
    expect(await page.getByTestId('countdown-spoken').textContent()).toMatch(/^spoken 1:\d\d$/);
    await context.close();
  });

  it("says a refusal in the console's language", async () => {
    const { context, page } = await openPage(
      run.browser,
      `${run.gavel.url}/console/${SESSION}?token=${MODERATOR_TOKEN}`,
      LAPTOP,
      'fr-FR',
    );
    await page.getByTestId('timer-set-input').fill('0:10');
    await page.getByTestId('timer-set-submit').click();
    await expect.poll(async () => (await now()).remainingMs).toBe(10_000);
    // The moderator presses once the console shows it: the server answers /now before the page
    // has the update, and a key pressed in between is refused as sent on an older view.
    await expect.poll(() => page.getByTestId('countdown-figure').textContent()).toBe('0:10');
    // Taking 30 s from 10 s left is refused, in French.
    await page.keyboard.press('[');
    const message = page.getByTestId('refusal-message');
    await message.waitFor();
    expect(await message.innerText()).toBe(
      'Ce serait retirer plus de temps qu’il n’en a été accordé.',
    );
    await context.close();
  });
});

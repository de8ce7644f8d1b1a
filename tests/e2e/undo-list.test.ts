/**
 * An undo the list of speakers refuses, on the console: a delegation's statement is declined, it
 * asks again from its phone, and the moderator's U says, in the console's language, why nothing
 * was undone and what to do instead; the server's list is left as it was.
 */
import { describe, expect, it } from 'vitest';
import { gavelAndBrowser, LAPTOP, MODERATOR_TOKEN, openPage, PHONE, SESSION } from './harness.ts';

const run = gavelAndBrowser();
const POLL = { timeout: 10_000, interval: 50 } as const;
/** Past the pace of one request every 10 s from a device. */
const AFTER_RATE_LIMIT_MS = 10_500;

describe('undo and the list of speakers, on the console', () => {
  it('refuses to bring back a declined statement once the delegation asked again, in words', async () => {
    await run.gavel.command({ type: 'session.start' });
    await run.gavel.command({ type: 'segment.end' });
    await run.gavel.command({ type: 'floor.open' });
    const consoleUrl = `${run.gavel.url}/console/${SESSION}?token=${MODERATOR_TOKEN}`;
    const { page: console_ } = await openPage(run.browser, consoleUrl, LAPTOP);
    const { page: phone } = await openPage(run.browser, `${run.gavel.url}/live/${SESSION}`, PHONE);

    const ask = async () => {
      await phone.getByTestId('live-ask').click();
      await phone.getByTestId('ask-delegation').fill('Costa');
      await phone.getByTestId('ask-delegation-option-cri').click();
      await phone.getByTestId('ask-send').click();
      await expect
        .poll(async () => (await run.gavel.moderatorView()).floor.requests.at(-1)?.status, POLL)
        .toBe('requested');
      return (await run.gavel.moderatorView()).floor.requests.at(-1)?.id ?? '';
    };

    // Costa Rica asks; the moderator declines; Costa Rica asks again.
    const first = await ask();
    await console_.getByTestId(`decline-${first}`).click();
    await console_.getByTestId(`decline-submit-${first}`).click();
    await expect
      .poll(
        async () => (await run.gavel.moderatorView()).floor.requests.find((r) => r.id === first),
        POLL,
      )
      .toMatchObject({ status: 'declined' });
    run.gavel.clock.advance(AFTER_RATE_LIMIT_MS);
    const again = await ask();
    expect(again).not.toBe(first);
    const before = await run.gavel.moderatorView();

    // U: the console says why nothing was undone, and the list stays as it was.
    await console_.locator('body').click({ position: { x: 700, y: 5 } });
    await console_.keyboard.press('u');
    await console_
      .getByTestId('refusal-message')
      .getByText(
        'Costa Rica has asked for the floor again since: undoing would leave it two statement requests waiting. Approve its new request instead (and move it up, if it should keep the earlier place).',
      )
      .waitFor();
    expect(await console_.getByTestId('refusal').getAttribute('data-code')).toBe('not-allowed');
    const after = await run.gavel.moderatorView();
    expect(after.version).toBe(before.version);
    expect(after.floor.requests.map((r) => r.status)).toEqual(['declined', 'requested']);

    // A console in French says it in French.
    const { page: french } = await openPage(run.browser, consoleUrl, LAPTOP, 'fr-FR');
    await french.getByTestId(`approve-${again}`).waitFor();
    await french.locator('body').click({ position: { x: 700, y: 5 } });
    await french.keyboard.press('u');
    await french
      .getByTestId('refusal-message')
      .getByText(
        'Costa Rica a redemandé la parole entre-temps\u202f: défaire la dernière action lui laisserait deux demandes en attente (statement). Approuvez plutôt sa nouvelle demande (et remontez-la, si elle doit garder sa place d’avant).',
      )
      .waitFor();

    // What the sentence says to do works: the new request takes the list.
    await console_.getByTestId(`approve-${again}`).click();
    await expect
      .poll(async () => (await run.gavel.moderatorView()).floor.queue.map((r) => r.id), POLL)
      .toEqual([again]);
  });
});

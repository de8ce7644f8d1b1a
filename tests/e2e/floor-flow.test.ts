/**
 * The open floor end to end, each person on their own screen: a delegate asks for the floor on
 * a phone, the moderator approves and gives it in the console, the phone says so and the stage
 * counts the statement's three minutes.
 */
import { describe, expect, it } from 'vitest';
import {
  gavelAndBrowser,
  LAPTOP,
  MODERATOR_TOKEN,
  openPage,
  PHONE,
  screenshot,
  SESSION,
  STAGE,
  STAGE_KEY,
} from './harness.ts';

const run = gavelAndBrowser();
const POLL = { timeout: 10_000, interval: 50 } as const;

describe('the open floor, from a phone to the console to the stage', () => {
  it('a delegate asks, the moderator approves and gives the floor, the stage counts 3:00', async () => {
    await run.gavel.command({ type: 'session.start' });
    await run.gavel.command({ type: 'segment.end' });
    const { page: console_ } = await openPage(
      run.browser,
      `${run.gavel.url}/console/${SESSION}?token=${MODERATOR_TOKEN}`,
      LAPTOP,
    );
    const { page: phone } = await openPage(run.browser, `${run.gavel.url}/live/${SESSION}`, PHONE);
    const { page: stage } = await openPage(
      run.browser,
      `${run.gavel.url}/stage/${SESSION}?key=${STAGE_KEY}`,
      STAGE,
    );

    // The moderator opens the list from the console; the phone offers to ask.
    await console_.getByTestId('floor-open').click();
    await phone.getByTestId('live-ask').click();
    await phone.getByTestId('ask-delegation').fill('Costa');
    await phone.getByTestId('ask-delegation-option-cri').click();
    await phone.getByTestId('ask-speaker').fill('Ms Ana Rojas');
    await phone.getByTestId('ask-send').click();
    await phone.getByTestId('my-requests').waitFor();
    const id = (await run.gavel.moderatorView()).floor.requests.at(-1)?.id ?? '';
    const state = () =>
      phone.getByTestId(`my-request-${id}`).getByTestId('my-request-state').textContent();
    await expect.poll(state, POLL).toBe('Waiting for approval');

    // The console shows it waiting; the moderator approves, then gives the floor.
    await console_.getByTestId(`approve-${id}`).click();
    await expect.poll(state, POLL).toBe('You are next');
    await expect
      .poll(() => stage.getByTestId('stage-next').textContent(), POLL)
      .toContain('Costa Rica');
    await console_.getByTestId(`give-${id}`).click();
    await expect.poll(state, POLL).toBe('You have the floor');
    await expect
      .poll(() => stage.getByTestId('stage-speaker').textContent(), POLL)
      .toBe('Ms Ana Rojas');
    await expect.poll(() => stage.getByTestId('stage-countdown').textContent(), POLL).toBe('3:00');

    // The moderator starts the clock from the console; the stage counts down from 3:00.
    await console_.keyboard.press('Space');
    await expect
      .poll(async () => (await run.gavel.moderatorView()).timer?.startedAt ?? null, POLL)
      .not.toBeNull();
    await expect
      .poll(() => stage.getByTestId('stage-countdown').textContent(), POLL)
      .toMatch(/^2:5\d$/);
    await screenshot(console_, 'console-floor-speaking-en');
    await screenshot(phone, 'live-floor-speaking-en');
    await screenshot(stage, 'stage-floor-counting-en');
  });
});

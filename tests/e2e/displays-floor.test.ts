/**
 * The delegate's side of the open floor on a phone-sized live page: ask for the floor with the
 * type-ahead and the floor code, follow the request from "waiting for approval" to "you have the
 * floor" while the moderator (over HTTP, as the console does) approves and gives it, and see the
 * stage count the statement's three minutes; a declined request says why; one can be withdrawn.
 */
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { gavelAndBrowser, PHONE, SCREENSHOTS, SESSION, STAGE, STAGE_KEY } from './harness.ts';

const POLL = { timeout: 10_000, interval: 50 } as const;
/** Past the limit of one request every 10 s per device. */
const AFTER_RATE_LIMIT_MS = 10_500;

const run = gavelAndBrowser();
let phone: Page;
let stage: Page;

async function open(path: string, viewport: { width: number; height: number }, locale: string) {
  const context: BrowserContext = await run.browser.newContext({
    viewport,
    locale,
    deviceScaleFactor: 1,
  });
  const page = await context.newPage();
  await page.goto(`${run.gavel.url}${path}`);
  return page;
}

async function latestRequestId(): Promise<string> {
  const requests = (await run.gavel.moderatorView()).floor.requests;
  const last = requests[requests.length - 1];
  if (!last) throw new Error('No request reached the server.');
  return last.id;
}

const stateOf = (page: Page, requestId: string) =>
  page.getByTestId(`my-request-${requestId}`).getByTestId('my-request-state').textContent();

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), animations: 'disabled' });
}

describe('asking for the floor from a phone', () => {
  beforeAll(async () => {
    await run.gavel.command({ type: 'session.start' });
    // Into the open floor, with a code shown in the room.
    await run.gavel.command({ type: 'segment.end' });
    await run.gavel.command({ type: 'floor.open', floorCode: 'ICC42' });
    phone = await open(`/live/${SESSION}`, PHONE, 'fr-FR');
    stage = await open(`/stage/${SESSION}?key=${STAGE_KEY}`, STAGE, 'en-GB');
  });

  it('asks with the type-ahead and the floor code, and follows the request to the floor', async () => {
    await phone.getByTestId('live-ask').click();
    await phone.getByTestId('ask-delegation').fill('allem');
    await phone.getByTestId('ask-delegation-option-deu').click();
    expect(await phone.getByTestId('ask-delegation').inputValue()).toBe('Allemagne');
    await phone.getByTestId('ask-speaker').fill('Mme Anna Schmidt');
    await phone.getByTestId('ask-code').fill('icc41');
    await shoot(phone, 'live-ask-form-fr');
    await phone.getByTestId('ask-send').click();
    await expect.poll(() => phone.getByTestId('ask-error').textContent(), POLL).toContain('code');

    await phone.getByTestId('ask-code').fill('icc42');
    await phone.getByTestId('ask-send').click();
    await phone.getByTestId('my-requests').waitFor();
    const id = await latestRequestId();
    await expect.poll(() => stateOf(phone, id), POLL).toBe('En attente d’approbation');
    await shoot(phone, 'live-requested-fr');

    await run.gavel.command({ type: 'floor.approve', requestId: id });
    await expect.poll(() => stateOf(phone, id), POLL).toBe('Votre délégation est la suivante');
    await expect
      .poll(() => phone.getByTestId('live-speakers').textContent(), POLL)
      .toContain('Allemagne');
    expect(await stage.getByTestId('stage-next').textContent()).toContain(
      'Germany (Mme Anna Schmidt)',
    );

    await run.gavel.command({ type: 'floor.give', requestId: id, start: true });
    await expect.poll(() => stateOf(phone, id), POLL).toBe('Vous avez la parole');
    await expect
      .poll(() => stage.getByTestId('stage-speaker').textContent(), POLL)
      .toBe('Mme Anna Schmidt');
    expect(await stage.getByTestId('stage-role').textContent()).toContain('Germany');
    // A statement's three minutes, counting.
    await expect
      .poll(() => stage.getByTestId('stage-countdown').textContent(), POLL)
      .toMatch(/^(3:00|2:5\d)$/);
    await expect
      .poll(() => phone.getByTestId('live-now-speaker').textContent(), POLL)
      .toBe('Mme Anna Schmidt');
    await shoot(phone, 'live-speaking-fr');
    await shoot(stage, 'stage-floor-speaker-en');
  });

  it('asks a question to a panellist, and hears why it was declined', async () => {
    run.gavel.clock.advance(AFTER_RATE_LIMIT_MS);
    await phone.getByTestId('live-ask').click();
    await phone.getByTestId('ask-delegation').fill('Costa');
    await phone.getByTestId('ask-delegation').press('Enter');
    expect(await phone.getByTestId('ask-delegation').inputValue()).toBe('Costa Rica');
    await phone.getByTestId('ask-kind-question').check();
    await phone.getByTestId('ask-send').click();
    await expect
      .poll(() => phone.getByTestId('ask-error').textContent(), POLL)
      .toContain('intervenant');
    await phone.getByTestId('ask-panellist').selectOption('bensouda');
    await phone.getByTestId('ask-code').fill('ICC42');
    await phone.getByTestId('ask-send').click();
    await expect.poll(() => phone.getByTestId('live-ask-form').count(), POLL).toBe(0);
    const id = await latestRequestId();
    await run.gavel.command({ type: 'floor.decline', requestId: id, reason: 'Le temps manque' });
    await expect.poll(() => stateOf(phone, id), POLL).toBe('Refusée\u202f: Le temps manque');
  });

  it('withdraws a request', async () => {
    run.gavel.clock.advance(AFTER_RATE_LIMIT_MS);
    await phone.getByTestId('live-ask').click();
    await phone.getByTestId('ask-delegation').fill('Observateurs de la société civile');
    await phone.getByTestId('ask-kind-reply').check();
    await phone.getByTestId('ask-code').fill('ICC42');
    await phone.getByTestId('ask-send').click();
    await expect.poll(() => phone.getByTestId('live-ask-form').count(), POLL).toBe(0);
    const id = await latestRequestId();
    await expect.poll(() => stateOf(phone, id), POLL).toBe('En attente d’approbation');
    const mine = phone.getByTestId(`my-request-${id}`);
    await mine.getByTestId('my-request-withdraw').click();
    // Withdrawing asks once: "Retirer cette demande ?", then "Oui, la retirer".
    await mine.getByTestId('my-request-withdraw-yes').click();
    await expect.poll(() => stateOf(phone, id), POLL).toBe('Retirée');
    await shoot(phone, 'live-my-requests-fr');
  });
});

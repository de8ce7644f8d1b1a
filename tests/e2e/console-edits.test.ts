/**
 * What the console can now do with the keyboard that only the API could (issue 17): move a
 * speaker to another segment, change an open floor's time per kind of request, and add a
 * delegation the list lacks and inscribe it. Each is checked where people see it (the console,
 * a delegate's phone, a French console) and on the server; a refused input shows its sentence and
 * changes nothing; Escape leaves a form without a change.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { SessionView } from '../../shared/views.ts';
import {
  gavelAndBrowser,
  LAPTOP,
  MODERATOR_TOKEN,
  openPage,
  PHONE,
  screenshot,
  SESSION,
} from './harness.ts';

const run = gavelAndBrowser();
const SMALL_LAPTOP = { width: 1280, height: 720 } as const;

async function serverView(): Promise<SessionView> {
  const res = await fetch(`${run.gavel.url}/api/sessions/${SESSION}`, {
    headers: { authorization: `Bearer ${MODERATOR_TOKEN}` },
  });
  expect(res.status).toBe(200);
  return (await res.json()) as SessionView;
}

const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 10_000 });

const focusedTestId = (page: Page) =>
  page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);

/** Presses Tab until the element with this test id has the focus: it is reachable by keyboard. */
async function tabTo(page: Page, testId: string, max = 30): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if ((await focusedTestId(page)) === testId) return;
  }
  throw new Error(`${testId} was not reached in ${max} presses of Tab`);
}

/** Replaces what a focused field holds, as a person does: select all, type. */
async function retype(page: Page, text: string): Promise<void> {
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
}

async function openConsole(size: { width: number; height: number }): Promise<Page> {
  const { page } = await openPage(
    run.browser,
    `${run.gavel.url}/console/${SESSION}?token=${MODERATOR_TOKEN}`,
    size,
  );
  await page.getByTestId('console').waitFor();
  return page;
}

describe('the console edits what only the API could', () => {
  it('moves a speaker to another segment from the edit form, with the keyboard', async () => {
    await run.gavel.command({ type: 'session.start' });
    const page = await openConsole(SMALL_LAPTOP);
    const summary = page.getByTestId('item-gassama').locator('.item-summary');
    await summary.focus();
    await page.keyboard.press('Enter');
    await tabTo(page, 'item-edit-gassama');
    await page.keyboard.press('Enter');
    const form = page.getByTestId('item-form-gassama');
    await form.waitFor();

    // Escape leaves the form: nothing moved, the keyboard is back on "Edit".
    await tabTo(page, 'item-form-segment');
    await page.keyboard.type('Concl');
    await page.keyboard.press('Escape');
    await form.waitFor({ state: 'detached' });
    expect(await focusedTestId(page)).toBe('item-edit-gassama');
    expect((await serverView()).segments[0]?.items.some((i) => i.id === 'gassama')).toBe(true);

    await page.keyboard.press('Enter');
    await tabTo(page, 'item-form-segment');
    // Typing selects the option, as in any select: "Concluding remarks".
    await page.keyboard.type('Concl');
    expect(await page.getByTestId('item-form-segment').inputValue()).toBe('closing');
    await screenshot(page, 'console-item-move-1280');
    await tabTo(page, 'item-form-save');
    await page.keyboard.press('Enter');

    // The console shows Ms Gassama last in the concluding segment, and the keyboard followed her.
    await page.getByTestId('segment-closing').getByTestId('item-gassama').waitFor();
    expect(await page.getByTestId('segment-panel').getByTestId('item-gassama').count()).toBe(0);
    await poll(() =>
      page.evaluate(() =>
        document.activeElement?.closest('[data-testid]')?.getAttribute('data-testid'),
      ),
    ).toBe('item-gassama');
    const view = await serverView();
    expect(view.segments[0]?.items.some((i) => i.id === 'gassama')).toBe(false);
    expect(view.segments[2]?.items.map((i) => i.id)).toEqual(['concluding', 'gassama']);
    await page.context().close();
  });

  it('changes the time of a statement on the open floor, in m:ss; the phone counts it down', async () => {
    const page = await openConsole(LAPTOP);
    const edit = page.getByTestId('segment-edit-floor');
    await edit.focus();
    await page.keyboard.press('Enter');
    const form = page.getByTestId('segment-form-floor');
    await form.waitFor();
    // Each kind shows its time as m:ss.
    expect(await page.getByTestId('segment-time-statement-floor').inputValue()).toBe('3:00');
    expect(await page.getByTestId('segment-time-point-of-order-floor').inputValue()).toBe('1:00');

    // Escape: the typed time is dropped, nothing changes, the keyboard is back on "Edit segment".
    await tabTo(page, 'segment-time-question-floor');
    await retype(page, '9:30');
    await page.keyboard.press('Escape');
    await form.waitFor({ state: 'detached' });
    expect(await focusedTestId(page)).toBe('segment-edit-floor');

    await page.keyboard.press('Enter');
    await tabTo(page, 'segment-time-statement-floor');
    await retype(page, '4:30');
    await screenshot(page, 'console-floor-times-1440');
    await page.keyboard.press('Enter');
    await form.waitFor({ state: 'detached' });
    await page.getByTestId('segment-times-floor').getByText('Statement 4:30').waitFor();
    const floor = (await serverView()).segments[1];
    expect(floor?.kind === 'floor' && floor.timesMs).toEqual({
      statement: 270_000,
      question: 120_000,
      answer: 180_000,
      reply: 180_000,
      'point-of-order': 60_000,
    });

    // France is given the floor for a statement: a delegate's phone shows 4:30 left.
    await run.gavel.command({ type: 'segment.end' });
    await run.gavel.command({ type: 'floor.open' });
    await run.gavel.command({ type: 'floor.request', delegation: 'fra', kind: 'statement' });
    const requestId = (await serverView()).floor.queue[0]?.id;
    await run.gavel.command({ type: 'floor.give', requestId });
    const phone = await openPage(run.browser, `${run.gavel.url}/live/${SESSION}`, PHONE);
    await phone.page.getByTestId('live-now-speaker').getByText('France').waitFor();
    expect(await phone.page.getByTestId('live-countdown').innerText()).toMatch(/^4:30 left/);
    await phone.context.close();
    await page.context().close();
  });

  it('refuses a zero time with its sentence and changes nothing', async () => {
    const page = await openConsole(LAPTOP);
    const before = await serverView();
    await page.getByTestId('segment-edit-floor').focus();
    await page.keyboard.press('Enter');
    await tabTo(page, 'segment-time-point-of-order-floor');
    await retype(page, '0:00');
    await page.keyboard.press('Enter');
    const refusal = page.getByTestId('refusal-message');
    await refusal.waitFor();
    expect(await page.getByTestId('refusal').innerText()).toContain('Not done: Change a segment');
    expect(await refusal.innerText()).toContain(
      'changes.times.point-of-order: must be a positive number',
    );
    // The form stays open with what was typed, to be put right; the server is as it was.
    await page.getByTestId('segment-form-floor').waitFor();
    const after = await serverView();
    expect(after.version).toBe(before.version);
    expect(after.segments[1]).toEqual(before.segments[1]);
    await page.getByTestId('segment-times-floor').getByText('Point of order 1:00').waitFor();
    await page.context().close();
  });

  it('adds a delegation not on the list, in English and French, and inscribes it from the keyboard', async () => {
    const page = await openConsole(SMALL_LAPTOP);
    await page.getByTestId('lang-fr').click();
    await page
      .getByTestId('floor')
      .getByRole('heading', { name: 'Inscrire une délégation' })
      .waitFor();
    await page.getByTestId('inscribe-delegation').focus();
    await page.keyboard.type('Atlantis Youth Forum');
    // Not on the list: Tab reaches "New delegation", Enter opens its form with the name typed.
    await page.keyboard.press('Escape');
    await tabTo(page, 'inscribe-new-delegation', 1);
    await page.keyboard.press('Enter');
    const add = page.getByTestId('delegation-add-form');
    await add.waitFor();
    expect(await focusedTestId(page)).toBe('delegation-add-en');
    expect(await page.getByTestId('delegation-add-en').inputValue()).toBe('Atlantis Youth Forum');
    await tabTo(page, 'delegation-add-fr', 1);
    await page.keyboard.type('Forum de la jeunesse d’Atlantide');
    await tabTo(page, 'delegation-add-category', 1);
    await page.keyboard.type('Soc');
    expect(await page.getByTestId('delegation-add-category').inputValue()).toBe('civil-society');
    await screenshot(page, 'console-delegation-add-1280-fr');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');

    // Added, it is chosen in the delegation field, named in French; Enter inscribes it.
    await add.waitFor({ state: 'detached' });
    expect(await focusedTestId(page)).toBe('inscribe-delegation');
    expect(await page.getByTestId('inscribe-delegation').inputValue()).toBe(
      'Forum de la jeunesse d’Atlantide',
    );
    await page.keyboard.press('Enter');
    await page.getByTestId('floor').getByText('Forum de la jeunesse d’Atlantide').waitFor();
    const view = await serverView();
    expect(view.delegations).toEqual([
      {
        id: 'atlantis-youth-forum',
        en: 'Atlantis Youth Forum',
        fr: 'Forum de la jeunesse d’Atlantide',
        category: 'civil-society',
      },
    ]);
    const inscribed = view.floor.queue.find((q) => q.delegation.id === 'atlantis-youth-forum');
    expect(inscribed?.category).toBe('civil-society');

    // A French phone names it in French on the list of speakers.
    const phone = await openPage(run.browser, `${run.gavel.url}/live/${SESSION}`, PHONE, 'fr-FR');
    await phone.page
      .getByTestId(`live-speaker-${inscribed?.id ?? ''}`)
      .getByText('Forum de la jeunesse d’Atlantide')
      .waitFor();
    await phone.context.close();
    await page.context().close();
  });

  it('refuses a delegation of a name already on the list, in French, and changes nothing', async () => {
    const page = await openConsole(LAPTOP);
    await page.getByTestId('lang-fr').click();
    const before = await serverView();
    await page.getByTestId('inscribe-new-delegation').focus();
    await page.keyboard.press('Enter');
    await page.keyboard.type('Germany');
    await page.keyboard.press('Enter');
    const refusal = page.getByTestId('refusal-message');
    await refusal.waitFor();
    // French typography: a narrow no-break space inside « » and before the colon.
    expect(await refusal.innerText()).toBe(
      'Une délégation nommée «\u202fGermany\u202f» figure déjà sur la liste (identifiant «\u202fdeu\u202f»)\u202f: inscrivez-la, ou donnez un autre nom à la nouvelle.',
    );
    await screenshot(page, 'console-delegation-refused-1440-fr');
    const after = await serverView();
    expect(after.version).toBe(before.version);
    expect(after.delegations).toEqual(before.delegations);

    // Escape goes back to the inscribe form, the keyboard on "New delegation".
    await page.getByTestId('delegation-add-en').focus();
    await page.keyboard.press('Escape');
    await page.getByTestId('delegation-add-form').waitFor({ state: 'detached' });
    expect(await focusedTestId(page)).toBe('inscribe-new-delegation');
    await page.context().close();
  });
});

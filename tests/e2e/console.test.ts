/**
 * The moderator console against the built app and a real Gavel server: the token, the panel
 * half of the plenary run with the keyboard alone, each shortcut checked on the page and on the
 * server, a refused command's sentence, the open floor, and screenshots in English and French.
 */
import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { io } from 'socket.io-client';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { CommandAck } from '../../shared/protocol.ts';
import type { SessionView } from '../../shared/views.ts';
import {
  gavelAndBrowser,
  LAPTOP,
  MODERATOR_TOKEN,
  openPage,
  screenshot,
  SESSION,
  STAGE_KEY,
} from './harness.ts';

const PANEL = [
  'opening',
  'introduction',
  'bensouda',
  'al-sour',
  'coninsx',
  'bomberger',
  'von-hebel',
  'gassama',
  'bernard',
  'summary',
] as const;

const run = gavelAndBrowser();
let context: BrowserContext;
let page: Page;

/** The moderator's view of the session, as the server holds it. */
async function serverView(): Promise<SessionView> {
  const res = await fetch(`${run.gavel.url}/api/sessions/${SESSION}`, {
    headers: { authorization: `Bearer ${MODERATOR_TOKEN}` },
  });
  expect(res.status).toBe(200);
  return (await res.json()) as SessionView;
}

const MIN = 60_000;

/** Waits for the server to show a value; the page and the server may take a moment under load. */
const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 10_000 });

/** Sends a command over HTTP as the moderator to any session; throws on a refusal. */
async function commandOn(session: string, command: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${run.gavel.url}/api/sessions/${session}/commands`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${MODERATOR_TOKEN}` },
    body: JSON.stringify(command),
  });
  const body = (await res.json()) as CommandAck;
  if (!body.ok) throw new Error(`${String(command.type)} refused: ${body.error.message}`);
}

/** `2016-11-17T10:00`: an instant as a local date-time in a time zone, to the minute. */
function localMinute(epochMs: number, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    })
      .formatToParts(epochMs)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

/** Presses a key on the page (focus on the body, as at the podium). */
const press = (key: string) => page.keyboard.press(key);

/** Waits until the console shows this item as the current turn. */
async function speaking(itemId: string): Promise<void> {
  await page.locator(`[data-testid="current-turn"][data-item-id="${itemId}"]`).waitFor();
}

async function granted(ms: number): Promise<void> {
  await page.locator(`[data-testid="countdown"][data-granted-ms="${ms}"]`).waitFor();
  expect((await serverView()).timer?.grantedMs).toBe(ms);
}

async function running(on: boolean): Promise<void> {
  await page.locator(`[data-testid="countdown"][data-running="${on}"]`).waitFor();
  expect((await serverView()).timer?.startedAt !== null).toBe(on);
}

// A failed step leaves a picture of the console and the sentence it showed, if any.
afterEach(async ({ task }) => {
  if (task.result?.state !== 'fail' || !page) return;
  const path = await screenshot(
    page,
    `console-failed-${task.name.slice(0, 40).replace(/\W+/g, '-')}`,
  );
  const refusal = await page.getByTestId('refusal').allInnerTexts();
  console.error(`Screenshot: ${path}; refusal shown: ${refusal.join(' ') || 'none'}`);
});

afterAll(async () => {
  await context?.close();
});

describe('the moderator console', () => {
  it('is its own chunk: the live page never downloads the console', async () => {
    const html = async (route: string) =>
      (await fetch(`${run.gavel.url}/${route}/${SESSION}`)).text();
    const assets = (page: string) =>
      [...page.matchAll(/\/assets\/([\w-]+)\.(?:js|css)/g)].map((m) => m[1]);
    expect(assets(await html('console')).some((a) => a?.startsWith('console-'))).toBe(true);
    expect(assets(await html('live')).filter((a) => a?.startsWith('console-'))).toEqual([]);
  });

  it('asks for the token, says where to find it, and refuses a wrong one', async () => {
    const opened = await openPage(run.browser, `${run.gavel.url}/console/${SESSION}`, LAPTOP);
    const form = opened.page.getByTestId('token-form');
    await form.waitFor();
    expect(await form.innerText()).toContain('Console (moderator)');
    await opened.page.getByTestId('token-input').fill('not-the-token');
    await opened.page.getByTestId('token-submit').click();
    const problem = opened.page.getByTestId('token-problem');
    await problem.waitFor();
    expect(await problem.innerText()).toContain('not right');
    await screenshot(opened.page, 'console-token');
    await opened.page.getByTestId('token-input').fill(MODERATOR_TOKEN);
    await opened.page.getByTestId('token-submit').click();
    await opened.page.getByTestId('console').waitFor();
    // Kept for the next visit.
    await opened.page.reload();
    await opened.page.getByTestId('console').waitFor();
    await opened.context.close();
  });

  it('takes the token from the link and out of the address bar', async () => {
    ({ context, page } = await openPage(
      run.browser,
      `${run.gavel.url}/console/${SESSION}?token=${MODERATOR_TOKEN}`,
      LAPTOP,
    ));
    await page.getByTestId('console').waitFor();
    expect(page.url()).not.toContain('token=');
    await page.locator('[data-testid="session-status"][data-status="scheduled"]').waitFor();
    // Space as the podium presses it: nothing focused.
    await page.locator('body').click({ position: { x: 700, y: 5 } });
  });

  it('runs the panel half of the plenary with the keyboard alone', async () => {
    // Space opens the session.
    await press('Space');
    await page.locator('[data-testid="session-status"][data-status="live"]').waitFor();
    expect((await serverView()).status).toBe('live');

    // N calls the first speaker.
    await press('n');
    await speaking('opening');
    expect((await serverView()).timer?.itemId).toBe('opening');
    expect(await page.getByTestId('current-speaker').innerText()).toBe('Ambassador Paul Wilke');

    // Space starts, + and ] add 30 s, − and [ take 30 s away, Space pauses.
    await press('Space');
    await running(true);
    // No stage display is connected while a turn runs: the console says so.
    await page.getByTestId('no-stage-warning').waitFor();
    await press('+');
    await granted(270_000);
    await press(']');
    await granted(300_000);
    await press('-');
    await granted(270_000);
    await press('[');
    await granted(240_000);
    await press('Space');
    await running(false);

    // F finishes the turn: nobody has the floor, the item is done with its time.
    await press('f');
    await page.getByTestId('turn-empty').waitFor();
    await page.locator('[data-testid="item-opening"][data-status="done"]').waitFor();
    expect((await serverView()).current.turnId).toBeNull();

    // N, and → as well.
    await press('n');
    await speaking('introduction');
    await press('ArrowRight');
    await speaking('bensouda');

    // A mistaken N, then U: Ms Bensouda has the floor again, Mr Al-Sour waits his turn.
    await press('n');
    await speaking('al-sour');
    await press('u');
    await speaking('bensouda');
    await page.locator('[data-testid="item-al-sour"][data-status="upcoming"]').waitFor();
    const undone = await serverView();
    expect(undone.timer?.itemId).toBe('bensouda');
    expect(undone.segments[0]?.items.find((i) => i.id === 'al-sour')?.status).toBe('upcoming');

    // The rest of the panel, each speaker started with Space.
    for (const itemId of PANEL.slice(3)) {
      await press('n');
      await speaking(itemId);
      await press('Space');
      await running(true);
    }
    await press('f');
    await page.getByTestId('turn-empty').waitFor();
    const done = await serverView();
    // Called and never started, the introduction and Ms Bensouda were not heard: skipped, not
    // done (issue 15: a call alone is no turn).
    const expected = PANEL.map((id) =>
      id === 'introduction' || id === 'bensouda' ? 'skipped' : 'done',
    );
    expect(done.segments[0]?.items.map((i) => i.status)).toEqual(expected);
    for (const [i, itemId] of PANEL.entries()) {
      await page.locator(`[data-testid="item-${itemId}"][data-status="${expected[i]}"]`).waitFor();
    }

    // N moves on to the open floor.
    await press('n');
    await page.locator('[data-testid="segment-floor"][data-status="active"]').waitFor();
    expect((await serverView()).current.segmentId).toBe('floor');
  });

  it('ignores the shortcuts while typing', async () => {
    const before = (await serverView()).version;
    const box = page.getByTestId('message-text');
    await box.click();
    await box.pressSequentially('Nu fin ] [');
    await page.keyboard.press('Space');
    expect(await box.inputValue()).toBe('Nu fin ] [ ');
    expect((await serverView()).version).toBe(before);
    await box.fill('');
    await page.locator('body').click({ position: { x: 700, y: 5 } });
  });

  it('greys a command the state does not allow and says why', async () => {
    // The list of speakers is empty: N cannot give the floor to anyone.
    const next = page.getByTestId('control-next');
    expect(await next.getAttribute('aria-disabled')).toBe('true');
    expect(await next.getAttribute('title')).toContain('The list of speakers is empty');
    await press('n');
    const message = page.getByTestId('refusal-message');
    await message.waitFor();
    expect(await message.innerText()).toContain('The list of speakers is empty');
  });

  it('runs the open floor: inscribe by type-ahead, approve a device’s request, give the floor', async () => {
    await page.getByTestId('floor-open').click();
    await page.locator('[data-testid="floor"][data-floor-status="open"]').waitFor();

    // Type-ahead over the shipped delegations, in the console's language.
    const delegation = page.getByTestId('inscribe-delegation');
    // Each State with its category on the plenary's day, 16 November 2016: Burundi was a State
    // Party then (it withdrew in 2017), Ukraine not yet (2025).
    await delegation.fill('burundi');
    expect(await page.getByTestId('inscribe-delegation-option-bdi').innerText()).toContain(
      'State Party',
    );
    await delegation.fill('ukraine');
    expect(await page.getByTestId('inscribe-delegation-option-ukr').innerText()).toContain(
      'Observer State',
    );
    await delegation.fill('costa');
    await page.getByTestId('inscribe-delegation-option-cri').click();
    expect(await delegation.inputValue()).toBe('Costa Rica');
    await page.getByTestId('inscribe-submit').click();
    await page.getByTestId('queue').getByText('Costa Rica').waitFor();

    // A free-text delegation, categorised by the secretariat; inscribed by keys this time.
    await delegation.fill('Victims Rights Working Group');
    await page.getByTestId('inscribe-more').click();
    await page.getByTestId('inscribe-category').selectOption('civil-society');
    await delegation.press('Enter');
    await page.getByTestId('queue').getByText('Victims Rights Working Group').waitFor();

    // A delegate's phone asks; the request waits for approval.
    const phone = io(run.gavel.url, {
      auth: { session: SESSION, deviceKey: 'console-test-device-0001' },
      transports: ['websocket'],
    });
    const ack = await new Promise<CommandAck>((resolve) =>
      phone.emit(
        'session:command',
        { type: 'floor.request', delegation: 'fra', kind: 'statement' },
        resolve,
      ),
    );
    phone.disconnect();
    expect(ack.ok).toBe(true);
    const pending = page.getByTestId('pending');
    await pending.getByText('France').waitFor();
    const requestId = (await serverView()).floor.requests.find(
      (r) => r.delegation.id === 'fra',
    )?.id;
    expect(requestId).toBeDefined();
    await page.getByTestId(`approve-${requestId}`).click();
    // States Parties precede civil society: France goes before the working group.
    await page.locator(`[data-testid="queue-${requestId}"][data-index="1"]`).waitFor();
    await poll(async () => (await serverView()).floor.queue.map((q) => q.delegation.en)).toEqual([
      'Costa Rica',
      'France',
      'Victims Rights Working Group',
    ]);
    await page.getByTestId('floor-time').getByText('The list needs 9′').waitFor();

    // Alt+↓ on the focused head of the list moves it one place down.
    const costa = (await serverView()).floor.queue[0]?.id ?? '';
    await page.getByTestId(`queue-${costa}`).focus();
    await page.keyboard.press('Alt+ArrowDown');
    await page.locator(`[data-testid="queue-${costa}"][data-index="1"]`).waitFor();
    await poll(async () => (await serverView()).floor.queue[1]?.id).toBe(costa);
    // The moved row keeps the focus: Alt+↑ at once puts it back.
    await page.keyboard.press('Alt+ArrowUp');
    await page.locator(`[data-testid="queue-${costa}"][data-index="0"]`).waitFor();
    await poll(async () => (await serverView()).floor.queue[0]?.id).toBe(costa);

    // Dragged by the mouse: the last of the list onto the first place.
    const last = (await serverView()).floor.queue[2]?.id ?? '';
    await page.getByTestId(`queue-${last}`).dragTo(page.getByTestId(`queue-${costa}`));
    await poll(async () => (await serverView()).floor.queue[0]?.id).toBe(last);
    // And back to its place at the end.
    const france = (await serverView()).floor.queue[2]?.id ?? '';
    await page.getByTestId(`queue-${last}`).dragTo(page.getByTestId(`queue-${france}`));
    await poll(async () => (await serverView()).floor.queue.map((q) => q.id)).toEqual([
      costa,
      france,
      last,
    ]);

    // Declined with a reason the delegate will see; then the list closed and reopened.
    const victims = (await serverView()).floor.queue[2]?.id ?? '';
    await page.getByTestId(`decline-${victims}`).click();
    await page.getByTestId(`decline-reason-${victims}`).fill('Not accredited to this session');
    await page.getByTestId(`decline-submit-${victims}`).click();
    await poll(async () =>
      (await serverView()).floor.requests.find((r) => r.id === victims),
    ).toMatchObject({ status: 'declined', reason: 'Not accredited to this session' });
    await page.getByTestId('floor-close').click();
    await page.locator('[data-testid="floor"][data-floor-status="closed"]').waitFor();
    expect((await serverView()).floor.status).toBe('closed');
    await page.getByTestId('floor-open').click();
    await page.locator('[data-testid="floor"][data-floor-status="open"]').waitFor();

    // N gives the floor to the head of the list, with a statement's three minutes.
    await page.locator('body').click({ position: { x: 700, y: 5 } });
    await press('n');
    await page.getByTestId('current-speaker').getByText('Costa Rica').waitFor();
    await granted(180_000);
  });

  it('shows the server’s sentence when it refuses a command', async () => {
    // Six times −30 s take the three minutes; the seventh would go below nothing.
    for (let ms = 150_000; ms >= 0; ms -= 30_000) {
      await press('-');
      await granted(ms);
    }
    const before = (await serverView()).version;
    await press('-');
    await page
      .getByTestId('refusal-message')
      .getByText('That would take away more time than was granted.')
      .waitFor();
    expect(await page.getByTestId('refusal').getAttribute('data-code')).toBe('not-allowed');
    expect((await serverView()).version).toBe(before);
    await press(']');
    await press(']');
    await granted(60_000);
    await press(']');
    await press(']');
    await press(']');
    await granted(150_000);
  });

  it('records a point of order: it interrupts the speaker, and F gives the floor back', async () => {
    await page.getByTestId('inscribe-kind').selectOption('point-of-order');
    await page.getByTestId('inscribe-delegation').fill('Germany');
    await page.getByTestId('inscribe-submit').click();
    await page.getByTestId('queue').getByText('Germany').waitFor();
    const order = (await serverView()).floor.queue[0];
    expect(order?.kind).toBe('point-of-order');
    await page.getByTestId(`give-${order?.id}`).click();
    await page.getByTestId('current-speaker').getByText('Germany').waitFor();
    expect(await page.getByTestId('turn-interrupts').innerText()).toContain('Costa Rica');
    await page.locator('[data-testid^="item-r"][data-interrupted="true"]').waitFor();
    expect((await serverView()).current.interruptedTurnId).not.toBeNull();
    // N waits for the point of order to be finished; F finishes it.
    expect(await page.getByTestId('control-next').getAttribute('title')).toContain(
      'A point of order is being heard',
    );
    await page.getByTestId('inscribe-kind').selectOption('statement');
    await page.locator('body').click({ position: { x: 700, y: 5 } });
    await press('f');
    await page.getByTestId('current-speaker').getByText('Costa Rica').waitFor();
    expect((await serverView()).current.interruptedTurnId).toBeNull();
  });

  it('edits the programme: a speaker added, edited, moved and removed, a budget, the start and zone', async () => {
    await page.getByTestId('item-add-closing').click();
    const form = page.getByTestId('item-form-new-closing');
    await form.getByTestId('item-form-name').fill('Jane Doe');
    await form.getByTestId('item-form-minutes').fill('2:30');
    await form.getByTestId('item-form-save').click();
    const closing = async () => (await serverView()).segments.find((x) => x.id === 'closing');
    await poll(async () => (await closing())?.items.map((i) => i.speaker.name)).toEqual([
      'Arie IJzerman',
      'Jane Doe',
    ]);
    const added = (await closing())?.items[1];
    expect(added?.allottedMs).toBe(150_000);
    const id = added?.id ?? '';

    await page
      .getByTestId(`item-${id}`)
      .getByRole('button', { name: /Jane Doe/ })
      .click();
    await page.getByTestId(`item-edit-${id}`).click();
    await page.getByTestId(`item-form-${id}`).getByTestId('item-form-minutes').fill('3');
    await page.getByTestId(`item-form-${id}`).getByTestId('item-form-save').click();
    await poll(async () => (await closing())?.items[1]?.allottedMs).toBe(180_000);

    await page.getByTestId(`item-up-${id}`).click();
    await poll(async () => (await closing())?.items[0]?.id).toBe(id);

    await page.getByTestId(`item-remove-${id}`).click();
    expect(await page.getByTestId('confirm-question').innerText()).toContain('Jane Doe');
    await page.keyboard.press('Enter');
    await poll(async () => (await closing())?.items.length).toBe(1);

    await page.getByTestId('segment-edit-closing').click();
    await page.getByTestId('segment-budget-closing').fill('10');
    await page.getByTestId('segment-save-closing').click();
    await poll(async () => (await closing())?.budgetMs).toBe(600_000);

    const start = localMinute(run.gavel.clock.now() - 30 * MIN, 'Europe/Paris');
    await page.getByTestId('settings-toggle').click();
    await page.getByTestId('settings-planned-start').fill(start);
    await page.getByTestId('settings-time-zone').fill('Europe/Paris');
    await page.getByTestId('settings-save').click();
    await page.getByTestId('schedule').getByText('Europe/Paris').waitFor();
    const meta = (await serverView()).meta;
    expect(meta.plannedStart).toBe(start);
    expect(meta.timeZone).toBe('Europe/Paris');
    await page.locator('body').click({ position: { x: 700, y: 5 } });
  });

  it('shows a lost connection, keeps a command waiting, and sends it once the server is back', async () => {
    await run.gavel.stop();
    await page.locator('[data-testid="connection"][data-connection="offline"]').waitFor();
    await press('Space');
    await page.getByTestId('offline-banner').getByText('Waiting for the server: 1').waitFor();
    await run.gavel.restart();
    await page.locator('[data-testid="connection"][data-connection="online"]').waitFor();
    await running(true);
  });

  it('asks once before ending the session, and Escape keeps it going', async () => {
    await page.getByTestId('control-end-session').click();
    const dialog = page.getByTestId('confirm');
    await page.getByTestId('confirm-question').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('confirm-question').waitFor({ state: 'detached' });
    expect((await serverView()).status).toBe('live');
    expect(await dialog.isVisible()).toBe(false);
  });

  it('shows a preset on the stage and clears it; blanks and flashes the stage', async () => {
    await page.getByTestId('preset-fr-0').click();
    await page.getByTestId('message-current').getByText('Veuillez conclure').waitFor();
    expect((await serverView()).message?.text).toBe('Veuillez conclure');
    await page.getByTestId('message-clear').click();
    await page.getByTestId('message-current').getByText('No message on the stage.').waitFor();
    expect((await serverView()).message).toBeNull();

    await page.getByTestId('stage-blank').click();
    await page.getByTestId('stage-is-blank').waitFor();
    expect((await serverView()).stage.blank).toBe(true);
    await page.getByTestId('stage-blank').click();
    await page.getByTestId('stage-is-blank').waitFor({ state: 'detached' });
    await page.getByTestId('stage-flash').click();
    await poll(async () => (await serverView()).stage.flashAt).not.toBeNull();
  });

  it('looks right at 1440×900 in English and in French', async () => {
    // A second session, run over HTTP on the server's clock so that the picture shows real
    // times: half the panel heard, a panellist in the warning phase, a list of speakers.
    const shot = 'asp15-screenshot';
    const programme = JSON.parse(
      readFileSync(new URL(`../../shared/programmes/${SESSION}.json`, import.meta.url), 'utf8'),
    ) as Record<string, unknown>;
    // The meeting was planned to start five minutes before it did.
    const plannedStart = localMinute(run.gavel.clock.now() - 5 * MIN, 'Europe/Amsterdam');
    const created = await fetch(`${run.gavel.url}/api/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${MODERATOR_TOKEN}` },
      body: JSON.stringify({ ...programme, id: shot, plannedStart }),
    });
    expect(created.status).toBe(201);
    const send = (command: Record<string, unknown>) => commandOn(shot, command);
    await send({ type: 'session.start' });
    for (const spokenMs of [4.6 * MIN, 3.8 * MIN, 12.2 * MIN, 11.3 * MIN, 9.4 * MIN]) {
      await send({ type: 'speaker.next', start: true });
      run.gavel.clock.advance(spokenMs);
    }
    await send({ type: 'floor.open' });
    await send({ type: 'floor.request', delegation: 'cri', kind: 'statement' });
    await send({ type: 'floor.request', delegation: 'svk', kind: 'statement', onBehalfOf: 'eu' });
    await send({
      type: 'floor.request',
      delegation: 'che',
      kind: 'question',
      addressedTo: 'bensouda',
      speakerName: 'Ms Anna Schmid',
    });
    await send({ type: 'message.show', text: 'Please conclude' });
    const others = [
      io(run.gavel.url, {
        auth: { session: shot, stageKey: STAGE_KEY },
        transports: ['websocket'],
      }),
      io(run.gavel.url, { auth: { session: shot }, transports: ['websocket'] }),
      io(run.gavel.url, { auth: { session: shot }, transports: ['websocket'] }),
    ];
    const phone = io(run.gavel.url, {
      auth: { session: shot, deviceKey: 'console-test-device-0002' },
      transports: ['websocket'],
    });
    const asked = await new Promise<CommandAck>((resolve) =>
      phone.emit(
        'session:command',
        { type: 'floor.request', delegation: 'fra', kind: 'statement' },
        resolve,
      ),
    );
    expect(asked.ok).toBe(true);

    const shotPage = await context.newPage();
    try {
      await shotPage.goto(`${run.gavel.url}/console/${shot}`);
      await shotPage.locator('[data-testid="countdown"][data-phase="warning"]').waitFor();
      await shotPage.getByTestId('presence-stages').getByText('Stage 1').waitFor();
      await shotPage.getByTestId('pending').getByText('France').waitFor();
      await shotPage.getByTestId('item-bensouda').getByText('12:12').waitFor();
      await screenshot(shotPage, 'console-en');

      await shotPage.getByTestId('lang-fr').click();
      await shotPage.getByTestId('control-next').getByText('Orateur suivant').waitFor();
      await screenshot(shotPage, 'console-fr');
      await shotPage.getByTestId('lang-en').click();
      await shotPage.getByTestId('control-next').getByText('Next speaker').waitFor();

      // The same laptop at 200 % zoom: half the CSS pixels, twice the device pixels. One
      // column, the current turn first, nothing cut off sideways.
      const zoomed = await run.browser.newContext({
        viewport: { width: LAPTOP.width / 2, height: LAPTOP.height / 2 },
        deviceScaleFactor: 2,
      });
      try {
        const zoomPage = await zoomed.newPage();
        await zoomPage.goto(`${run.gavel.url}/console/${shot}?token=${MODERATOR_TOKEN}`);
        await zoomPage.locator('[data-testid="countdown"][data-phase="warning"]').waitFor();
        const overflow = await zoomPage.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow).toBeLessThanOrEqual(0);
        await screenshot(zoomPage, 'console-zoom-200');
      } finally {
        await zoomed.close();
      }
    } finally {
      await shotPage.close();
      for (const socket of [...others, phone]) socket.disconnect();
    }
  });

  it('keeps five requests and the inscribe form in sight on a busy open floor, and cuts nothing', async () => {
    // A busy open floor: nine requests, one from a phone awaiting approval, a message on the
    // stage, and a named speaker of the Netherlands on the floor.
    const busy = 'asp15-busy-floor';
    const programme = JSON.parse(
      readFileSync(new URL(`../../shared/programmes/${SESSION}.json`, import.meta.url), 'utf8'),
    ) as Record<string, unknown>;
    const created = await fetch(`${run.gavel.url}/api/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${MODERATOR_TOKEN}` },
      body: JSON.stringify({ ...programme, id: busy }),
    });
    expect(created.status).toBe(201);
    const send = (command: Record<string, unknown>) => commandOn(busy, command);
    await send({ type: 'session.start' });
    await send({ type: 'segment.end' });
    await send({ type: 'floor.open' });
    await send({
      type: 'floor.request',
      delegation: 'nld',
      kind: 'statement',
      speakerName: 'Mr Arie IJzerman',
    });
    for (const delegation of ['cri', 'svk', 'che', 'fra', 'deu', 'jpn', 'dza', 'arg']) {
      await send({
        type: 'floor.request',
        delegation,
        kind: 'statement',
        ...(delegation === 'svk' ? { onBehalfOf: 'eu' } : {}),
      });
    }
    const view = (await (
      await fetch(`${run.gavel.url}/api/sessions/${busy}`, {
        headers: { authorization: `Bearer ${MODERATOR_TOKEN}` },
      })
    ).json()) as SessionView;
    await send({ type: 'floor.give', requestId: view.floor.requests[0]?.id, start: true });
    await send({ type: 'message.show', text: 'Please conclude your statement, the list is long' });
    const phone = io(run.gavel.url, {
      auth: { session: busy, deviceKey: 'console-test-device-0003' },
      transports: ['websocket'],
    });
    try {
      const asked = await new Promise<CommandAck>((resolve) =>
        phone.emit(
          'session:command',
          { type: 'floor.request', delegation: 'ita', kind: 'statement' },
          resolve,
        ),
      );
      expect(asked.ok).toBe(true);
      for (const size of [LAPTOP, { width: 1280, height: 720 }]) {
        for (const lang of ['en', 'fr'] as const) {
          const shotContext = await run.browser.newContext({ viewport: size });
          try {
            const shotPage = await shotContext.newPage();
            await shotPage.goto(`${run.gavel.url}/console/${busy}?token=${MODERATOR_TOKEN}`);
            await shotPage
              .getByTestId('pending')
              .getByText(/Italy|Italie/)
              .waitFor();
            await shotPage.getByTestId(`lang-${lang}`).click();
            await shotPage
              .getByTestId('current-role')
              .getByText(lang === 'fr' ? /Pays-Bas/ : /Netherlands/)
              .waitFor();
            const seen = await shotPage.evaluate(() => {
              const lists = document.querySelector('[data-testid="floor-lists"]');
              const box = lists?.getBoundingClientRect();
              const inSight = (e: Element) => {
                const r = e.getBoundingClientRect();
                return (
                  box !== undefined &&
                  r.top >= box.top - 1 &&
                  r.bottom <= box.bottom + 1 &&
                  r.bottom <= window.innerHeight
                );
              };
              const hint = document.querySelector('[data-testid="inscribe-form"] .hint');
              const cut = Array.from(
                document.querySelectorAll(
                  '[data-testid="floor"] *, [data-testid="current-turn"] *, .controls *',
                ),
              )
                .filter(
                  (e) =>
                    e instanceof HTMLElement &&
                    e.clientWidth > 1 &&
                    getComputedStyle(e).overflowX !== 'visible' &&
                    e.scrollWidth > e.clientWidth &&
                    !e.classList.contains('floor-for'),
                )
                .map((e) => `${e.tagName}.${e.className}`);
              return {
                requests: Array.from(lists?.querySelectorAll('.queue-row, .request') ?? []).filter(
                  inSight,
                ).length,
                hint: hint !== null && hint.getBoundingClientRect().bottom <= window.innerHeight,
                cut,
                role: document.querySelector('[data-testid="current-role"]')?.textContent ?? '',
                overflow:
                  document.documentElement.scrollWidth - document.documentElement.clientWidth,
              };
            });
            const where = `${size.width}×${size.height} ${lang}`;
            expect(seen.requests, where).toBeGreaterThanOrEqual(5);
            expect(seen.hint, where).toBe(true);
            expect(seen.cut, where).toEqual([]);
            expect(seen.overflow, where).toBeLessThanOrEqual(0);
            // The delegation is named once, in the console's language, beside the category.
            const delegation = lang === 'fr' ? 'Pays-Bas' : 'Netherlands';
            expect(seen.role.split(delegation).length - 1, where).toBe(1);
            expect(seen.role, where).toContain(lang === 'fr' ? 'État partie' : 'State Party');
            await screenshot(shotPage, `console-busy-floor-${size.width}-${lang}`);
          } finally {
            await shotContext.close();
          }
        }
      }
      // The list closed: the floor-code field's French label is whole, not a cut placeholder.
      await send({ type: 'floor.close' });
      const closedContext = await run.browser.newContext({
        viewport: { width: 1280, height: 720 },
      });
      try {
        const closedPage = await closedContext.newPage();
        await closedPage.goto(`${run.gavel.url}/console/${busy}?token=${MODERATOR_TOKEN}`);
        await closedPage.getByTestId('lang-fr').click();
        await closedPage.getByText('Code de salle (facultatif)').waitFor();
        const field = await closedPage.getByTestId('floor-code-input').evaluate((input) => {
          const label = (input as HTMLInputElement).labels?.[0];
          return {
            label: label?.textContent ?? '',
            cut: label ? label.scrollWidth > label.clientWidth : true,
            placeholder: (input as HTMLInputElement).placeholder,
          };
        });
        expect(field).toEqual({ label: 'Code de salle (facultatif)', cut: false, placeholder: '' });
      } finally {
        await closedContext.close();
      }
    } finally {
      phone.disconnect();
    }
  });
});

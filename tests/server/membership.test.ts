/**
 * The secretariat brings the list of delegations up to date without a new release: a file named
 * by `GAVEL_DELEGATIONS`, or `delegations.json` in the data folder, replaces the shipped list when
 * Gavel starts, and ranks the sessions created from then on by the States Parties of their day;
 * a file with a problem stops Gavel at start, with the file's path and a sentence per problem.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import shipped from '../../shared/programmes/delegations.json' with { type: 'json' };
import type { SessionView } from '../../shared/views.ts';
import { GavelProcess, killLeftovers, runGavel } from './child.ts';
import { startServer, tempDir, TOKEN, type TestServer } from './helpers.ts';

const dirs: string[] = [];
function dir(): string {
  const d = tempDir();
  dirs.push(d);
  return d;
}
let server: TestServer | undefined;
afterAll(async () => {
  await server?.close();
  killLeftovers();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

type ListFile = {
  version: number;
  asOf: string;
  sourceNote: string;
  delegations: { id: string; category: string }[];
  parties: Record<string, { from: string; until?: string }[]>;
};

/**
 * The secretariat's update, as a test makes it: Malaysia (an observer State in the shipped list)
 * a State Party from 1 December 2026, which is made up for the test, not a fact; and Nepal, not
 * in the shipped list, an observer State.
 */
function updatedList(): ListFile {
  const list = structuredClone(shipped) as ListFile;
  list.version = 3;
  list.asOf = '2026-12-01';
  list.sourceNote = 'The shipped list, with an accession made up for a test.';
  const malaysia = list.delegations.find((d) => d.id === 'mys');
  if (!malaysia) throw new Error('Malaysia is not in the shipped list');
  const others = list.delegations.filter((d) => d.id !== 'mys');
  const organisations = others.findIndex((d) => d.category === 'organisation');
  const nepal = { id: 'npl', en: 'Nepal', fr: 'Népal', category: 'observer-state' };
  list.delegations = [
    { ...malaysia, category: 'state-party' },
    ...others.slice(0, organisations),
    nepal,
    ...others.slice(organisations),
  ];
  list.parties.mys = [{ from: '2026-12-01' }];
  return list;
}

/** A meeting in December 2026 with nothing but an open floor. */
const REVIEW = {
  id: 'review',
  title: 'Review meeting',
  dates: { from: '2026-12-02', to: '2026-12-02' },
  timeZone: 'Europe/Amsterdam',
  segments: [{ id: 'floor', kind: 'floor', title: 'General debate', budget: 60 }],
};

function write(path: string, data: unknown): string {
  writeFileSync(path, typeof data === 'string' ? data : JSON.stringify(data));
  return path;
}

async function api(port: number, method: string, path: string, body?: unknown) {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, {
    method,
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return (await res.json()) as Record<string, unknown>;
}

/** Inscribes each delegation for a statement, then reads who is on the list, in order. */
async function listOfSpeakers(port: number, session: string, delegations: readonly string[]) {
  const commands = `/api/sessions/${session}/commands`;
  const view = async () =>
    (await api(port, 'GET', `/api/sessions/${session}`)) as unknown as SessionView;
  if ((await view()).floor.status !== 'open') {
    expect(await api(port, 'POST', commands, { type: 'floor.open' })).toMatchObject({ ok: true });
  }
  for (const delegation of delegations) {
    const ack = await api(port, 'POST', commands, {
      type: 'floor.request',
      delegation,
      kind: 'statement',
    });
    expect(ack).toMatchObject({ ok: true });
  }
  return (await view()).floor.queue.map((e) => `${e.delegation.id}:${e.category}`);
}

function serve(data: string, env: Record<string, string> = {}, programme?: string) {
  return new GavelProcess(
    [
      'serve',
      '--port',
      '0',
      '--host',
      '127.0.0.1',
      '--data',
      data,
      ...(programme ? ['--programme', programme] : []),
    ],
    { GAVEL_MODERATOR_TOKEN: TOKEN, ...env },
  );
}

describe("the secretariat's list of delegations", () => {
  it('named by GAVEL_DELEGATIONS, ranks a new meeting by it for good, and leaves the 2016 plenary as it was', async () => {
    const data = dir();
    const file = write(join(dir(), 'list-2026-12.json'), updatedList());
    const programme = write(join(dir(), 'review.json'), REVIEW);
    const child = serve(data, { GAVEL_DELEGATIONS: file }, programme);
    const port = await child.listening();
    expect(child.stdout).toContain(`Delegations: ${file} (version 3, as of 2026-12-01).`);

    const served = await api(port, 'GET', '/api/delegations');
    expect(served).toMatchObject({ version: 3, asOf: '2026-12-01' });
    expect(served.parties).toMatchObject({ mys: [{ from: '2026-12-01' }] });

    // December 2026: Malaysia with the States Parties, before an observer State that asked first.
    expect(await listOfSpeakers(port, 'review', ['chn', 'mys'])).toEqual([
      'mys:state-party',
      'chn:observer-state',
    ]);
    // November 2016: Malaysia an observer State; Burundi a State Party.
    expect(await listOfSpeakers(port, 'asp15-cooperation', ['mys', 'bdi'])).toEqual([
      'bdi:state-party',
      'mys:observer-state',
    ]);
    child.kill('SIGTERM');
    expect((await child.exited).code).toBe(0);

    // Started again with the shipped list, the meeting keeps what it was created with: Malaysia
    // among its States Parties, and Nepal, which the shipped list lacks, known by its name.
    const again = serve(data);
    const port2 = await again.listening();
    expect(again.stdout).not.toContain('Delegations:');
    expect(await listOfSpeakers(port2, 'review', ['Népal'])).toEqual([
      'mys:state-party',
      'chn:observer-state',
      'npl:observer-state',
    ]);
    const phones = (await (
      await fetch(`http://127.0.0.1:${port2}/api/sessions/review`)
    ).json()) as SessionView;
    expect(phones.delegations).toEqual([
      { id: 'npl', en: 'Nepal', fr: 'Népal', category: 'observer-state' },
    ]);
    const written = await api(port2, 'GET', '/api/sessions/review/programme');
    expect(written.statesParties).toContain('mys');
    again.kill('SIGTERM');
    expect((await again.exited).code).toBe(0);
  });

  it('kept as delegations.json in the data folder, is used without a variable', async () => {
    const data = dir();
    const file = write(join(data, 'delegations.json'), updatedList());
    const child = serve(data);
    const port = await child.listening();
    expect(child.stdout).toContain(`Delegations: ${file} (version 3, as of 2026-12-01).`);
    expect(await api(port, 'GET', '/api/delegations')).toMatchObject({ version: 3 });
    child.kill('SIGTERM');
    await child.exited;
  });

  it('keeps Gavel from starting when it has a problem, saying which file and what is wrong', async () => {
    const data = dir();
    const broken = updatedList();
    delete broken.parties.fra;
    const file = write(join(dir(), 'broken.json'), broken);
    const run = await runGavel(['serve', '--port', '0', '--host', '127.0.0.1', '--data', data], {
      GAVEL_DELEGATIONS: file,
    });
    expect(run.code).toBe(1);
    const index = broken.delegations.findIndex((d) => d.id === 'fra');
    expect(run.stderr.trim().split('\n')).toEqual([
      `gavel: ${file} is not a list of delegations Gavel can use: it has 1 problem (docs/programme.md says how it is written):`,
      `  delegations[${index}].category: "fra" is listed as state-party, but no span of it in "parties" covers 2026-12-01: add or correct its span, or list it as observer-state`,
    ]);
  });

  it.each([
    [
      'missing',
      (d: string) => join(d, 'nowhere.json'),
      (f: string) => `gavel: ${f} does not exist.`,
    ],
    [
      'not JSON',
      (d: string) => write(join(d, 'delegations.json'), '{ "version": 3,'),
      (f: string) => `gavel: ${f} is not JSON: `,
    ],
  ])('keeps Gavel from starting when it is %s', async (_, make, said) => {
    const data = dir();
    const file = make(data);
    const env: Record<string, string> = file.endsWith('nowhere.json')
      ? { GAVEL_DELEGATIONS: file }
      : {};
    const run = await runGavel(['serve', '--port', '0', '--data', data], env);
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toContain(said(file));
  });

  it('refuses a programme whose own States Parties are not States of the list', async () => {
    const programme = write(join(dir(), 'own.json'), { ...REVIEW, statesParties: ['fra', 'eu'] });
    const run = await runGavel(['serve', '--port', '0', '--data', dir(), '--programme', programme]);
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([
      `gavel: ${programme} has 1 problem:`,
      '  statesParties[1]: "eu" is not a State of the list of delegations',
    ]);
  });
});

describe('a programme sent to a running Gavel', () => {
  it('without dates, ranks by the States Parties of the day it is created, and keeps them', async () => {
    // The test server's clock reads 16 November 2016.
    server = await startServer();
    const { dates: _dates, ...undated } = REVIEW;
    const created = await server.http('POST', '/api/sessions', { body: undated, token: TOKEN });
    expect(created.status).toBe(201);
    const commands = '/api/sessions/review/commands';
    await server.http('POST', commands, { body: { type: 'floor.open' }, token: TOKEN });
    for (const delegation of ['ukr', 'bdi']) {
      const ack = await server.http('POST', commands, {
        body: { type: 'floor.request', delegation, kind: 'statement' },
        token: TOKEN,
      });
      expect(ack.json).toMatchObject({ ok: true });
    }
    const view = await server.http('GET', '/api/sessions/review', { token: TOKEN });
    expect(
      (view.json as SessionView).floor.queue.map((e) => `${e.delegation.id}:${e.category}`),
    ).toEqual(['bdi:state-party', 'ukr:observer-state']);
    // Its programme file carries them: a copy, or the file sent again, ranks the same way.
    const file = await server.http('GET', '/api/sessions/review/programme', { token: TOKEN });
    expect(file.json.statesParties).toHaveLength(124);
    expect(file.json.statesParties).toContain('bdi');
  });

  it('is refused, and nothing created, when its own States Parties are not States', async () => {
    server ??= await startServer();
    const refused = await server.http('POST', '/api/sessions', {
      body: { ...REVIEW, id: 'own-list', statesParties: ['fra', 'icc-otp'] },
      token: TOKEN,
    });
    expect(refused.status).toBe(400);
    expect(refused.json.error.message).toBe(
      'The programme has 1 problem: statesParties[1]: "icc-otp" is not a State of the list of delegations',
    );
    const sessions = await server.http('GET', '/api/sessions');
    expect(JSON.stringify(sessions.json)).not.toContain('own-list');
  });
});

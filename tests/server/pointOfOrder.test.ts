/**
 * A point of order, as the room and the AV crew see it from the real server: the speaker it
 * interrupted is "interrupted", never a second "speaking", on a phone's socket and on `/now`.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { SESSION, startServer, type TestServer } from './helpers.ts';

let server: TestServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

describe('a point of order heard', () => {
  it('shows the speaker it interrupted as interrupted, and as next, to a phone and on /now', async () => {
    server = await startServer();
    const moderator = await server.moderator();
    const phone = await server.connect();
    for (const command of [
      { type: 'session.start' },
      { type: 'speaker.call', itemId: 'bensouda', start: true },
    ]) {
      expect(await moderator.command(command)).toMatchObject({ ok: true });
    }
    server.fake.advance(3 * 60_000);
    const asked = await moderator.command({
      type: 'floor.request',
      delegation: 'bel',
      kind: 'point-of-order',
    });
    expect(asked).toMatchObject({ ok: true });
    const inscribed = await moderator.reach(asked.ok ? asked.version : 0);
    const requestId = inscribed.floor.requests.at(-1)?.id ?? '';
    const given = await moderator.command({ type: 'floor.give', requestId, start: true });
    expect(given).toMatchObject({ ok: true });

    // The phone's programme: one speaking, the point of order; the Prosecutor interrupted.
    const view = await phone.reach(given.ok ? given.version : 0);
    const items = view.segments.flatMap((s) => s.items);
    expect(items.filter((i) => i.status === 'speaking').map((i) => i.kind)).toEqual([
      'point-of-order',
    ]);
    expect(items.find((i) => i.id === 'bensouda')?.status).toBe('interrupted');

    const now = await server.http('GET', `/api/sessions/${SESSION}/now`);
    expect(now.status).toBe(200);
    expect(now.json).toMatchObject({
      speaker: 'Belgium',
      interrupted: 'Ms Fatou Bensouda',
      next: 'Ms Fatou Bensouda',
    });
    const line = await server.http('GET', `/api/sessions/${SESSION}/now?format=text`);
    expect(line.text).toContain('interrupted: Ms Fatou Bensouda, resumes next');

    // Once the point of order is finished, she speaks again and nobody is interrupted.
    const finished = await moderator.command({ type: 'speaker.finish' });
    const after = await phone.reach(finished.ok ? finished.version : 0);
    expect(after.segments.flatMap((s) => s.items).find((i) => i.id === 'bensouda')?.status).toBe(
      'speaking',
    );
    const later = await server.http('GET', `/api/sessions/${SESSION}/now`);
    expect(later.json).toMatchObject({ speaker: 'Ms Fatou Bensouda', interrupted: null });
  });
});

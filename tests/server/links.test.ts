/**
 * What the console's links panel and message presets need from the server: the displays' links
 * (moderator only, the stage's with its key, on the public address), and presets that are kept in
 * the log, so a restart brings them back.
 */
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_MESSAGE_PRESETS } from '../../shared/presets.ts';
import { SESSION, STAGE_KEY, startServer, tempDir, TOKEN } from './helpers.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const PRESETS = [
  { en: 'Two minutes left', fr: 'Plus que deux minutes' },
  { en: 'Please conclude', fr: 'Veuillez conclure' },
];

describe('message presets on the server', () => {
  it('are kept in the log: a restart brings them back, and only the moderator sees them', async () => {
    const dataDir = tempDir();
    dirs.push(dataDir);
    const first = await startServer({ dataDir });
    try {
      // Null: the defaults, as long as no command set them.
      expect((await first.viewAs('moderator')).messagePresets).toBeNull();
      const same = await first.post({ type: 'message.presets', presets: DEFAULT_MESSAGE_PRESETS });
      expect(same.json.error).toMatchObject({ key: 'presets-unchanged' });
      const res = await first.post({ type: 'message.presets', presets: PRESETS });
      expect(res.json).toMatchObject({ ok: true });
      const again = await first.post({ type: 'message.presets', presets: PRESETS });
      expect(again.status).toBe(409);
      expect(again.json.error).toMatchObject({ code: 'not-allowed', key: 'presets-unchanged' });
    } finally {
      await first.close();
    }

    const second = await startServer({ dataDir });
    try {
      expect((await second.viewAs('moderator')).messagePresets).toEqual(PRESETS);
      expect(await second.viewAs('stage')).not.toHaveProperty('messagePresets');
      expect(await second.viewAs('viewer')).not.toHaveProperty('messagePresets');
      const moderator = await second.moderator();
      expect(moderator.view?.messagePresets).toEqual(PRESETS);
    } finally {
      await second.close();
    }
  });
});

describe('GET /api/sessions/:id/links', () => {
  it("gives the moderator every display's link, the stage's with its key", async () => {
    const server = await startServer();
    try {
      const res = await server.http('GET', `/api/sessions/${SESSION}/links`, { token: TOKEN });
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      // No public address given: the links use the address the console reached.
      expect(res.json).toEqual({
        ok: true,
        base: server.url,
        links: {
          stage: `${server.url}/stage/${SESSION}?key=${STAGE_KEY}`,
          live: `${server.url}/live/${SESSION}`,
          overlay: `${server.url}/overlay/${SESSION}`,
          report: `${server.url}/report/${SESSION}`,
        },
      });
    } finally {
      await server.close();
    }
  });

  it('builds them on the public address when there is one', async () => {
    const server = await startServer({ publicUrl: () => 'https://gavel.example.org' });
    try {
      const res = await server.http('GET', `/api/sessions/${SESSION}/links`, { token: TOKEN });
      expect(res.json.base).toBe('https://gavel.example.org');
      expect(res.json.links.stage).toBe(
        `https://gavel.example.org/stage/${SESSION}?key=${STAGE_KEY}`,
      );
    } finally {
      await server.close();
    }
  });

  it('refuses the stage and viewers, and names an unknown session to the moderator only', async () => {
    const server = await startServer();
    try {
      const path = `/api/sessions/${SESSION}/links`;
      const viewer = await server.http('GET', path);
      expect(viewer.status).toBe(401);
      expect(viewer.text).not.toContain(STAGE_KEY);
      const stage = await server.http('GET', path, {
        headers: { 'x-gavel-stage-key': STAGE_KEY },
      });
      expect(stage.status).toBe(403);
      expect(stage.text).not.toContain(STAGE_KEY);
      expect((await server.http('GET', '/api/sessions/nowhere/links')).status).toBe(401);
      const unknown = await server.http('GET', '/api/sessions/nowhere/links', { token: TOKEN });
      expect(unknown.status).toBe(404);
    } finally {
      await server.close();
    }
  });
});

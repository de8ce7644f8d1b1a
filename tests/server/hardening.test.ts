/**
 * The HTTP side as a careful attacker and a careless venue would treat it: forged addresses,
 * guessed tokens, secrets in addresses, broken encodings, frames from other sites. Each finding of
 * the security review has its case here, failing before its fix.
 */
import { request } from 'node:http';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { FREE_FAILURES } from '../../server/attempts.ts';
import { checkSecretsFromEnv, ConfigError } from '../../server/config.ts';
import type { Logger } from '../../server/logger.ts';
import { parseTrustProxy } from '../../server/proxy.ts';
import { SESSION, STAGE_KEY, startServer, TOKEN, type TestServer } from './helpers.ts';

let server: TestServer;
afterEach(async () => {
  await server?.close();
});

/** A logger that keeps what it is told, by level. */
function collecting(): Logger & { lines: { level: string; message: string }[] } {
  const lines: { level: string; message: string }[] = [];
  return {
    lines,
    info: (message) => lines.push({ level: 'info', message }),
    warn: (message) => lines.push({ level: 'warn', message }),
    error: (message) => lines.push({ level: 'error', message }),
  };
}

/**
 * A request exactly as written: fetch would tidy the path or refuse the headers these cases need
 * (a raw `%` in the path, a body compressed by hand).
 */
function raw(
  url: string,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: Buffer,
): Promise<{ status: number; headers: Record<string, unknown>; text: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          text: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('an address behind a proxy (X-Forwarded-For)', () => {
  it('reads the setting: a hop count or addresses, never "trust everyone"', () => {
    expect(parseTrustProxy(undefined)).toEqual({ ok: true, trust: null });
    expect(parseTrustProxy('0')).toEqual({ ok: true, trust: null });
    expect(parseTrustProxy('1')).toEqual({ ok: true, trust: 1 });
    expect(parseTrustProxy('10.0.0.5, loopback')).toEqual({
      ok: true,
      trust: ['10.0.0.5', 'loopback'],
    });
    for (const bad of ['true', 'nginx', '10.0.0.300', '99']) {
      const parsed = parseTrustProxy(bad);
      expect(parsed.ok, bad).toBe(false);
      if (!parsed.ok) expect(parsed.message).toMatch(/GAVEL_TRUST_PROXY/);
    }
  });

  for (const trustProxy of [1, ['loopback']] as const) {
    it(`believes only what the trusted proxy added (${JSON.stringify(trustProxy)}): a rotated claim escapes no limit`, async () => {
      // The budgets' time stands still, so a slow machine cannot refill them mid-test.
      server = await startServer({ trustProxy, monotonic: () => 0 });
      // nginx's $proxy_add_x_forwarded_for: whatever the client wrote, then the address it saw.
      const responses = [];
      for (let i = 0; i < 90; i++) {
        responses.push(
          await server.http('POST', `/api/sessions/${SESSION}/commands`, {
            body: { type: 'speaker.next' },
            headers: { 'x-forwarded-for': `10.9.${i}.${i}, 198.51.100.7` },
          }),
        );
      }
      const limited = responses.filter((r) => r.status === 429).length;
      expect(limited).toBeGreaterThan(0);
      // Another client behind the same proxy has a budget of its own.
      const other = await server.http('POST', `/api/sessions/${SESSION}/commands`, {
        body: { type: 'speaker.next' },
        headers: { 'x-forwarded-for': '198.51.100.8' },
      });
      expect(other.status).toBe(401);
    });
  }

  it('claims of being the moderator’s address cost her nothing', async () => {
    server = await startServer({ trustProxy: 1 });
    await Promise.all(
      Array.from({ length: 80 }, () =>
        server.http('POST', `/api/sessions/${SESSION}/commands`, {
          body: { type: 'speaker.next' },
          headers: { 'x-forwarded-for': '192.0.2.10, 203.0.113.50' },
        }),
      ),
    );
    const mine = [];
    for (let i = 0; i < 10; i++) {
      mine.push(
        await server.http('POST', `/api/sessions/${SESSION}/commands`, {
          body: { type: 'timer.adjust', deltaMs: 1000 },
          token: TOKEN,
          headers: { 'x-forwarded-for': '192.0.2.10' },
        }),
      );
    }
    expect(mine.map((r) => r.status).filter((s) => s === 429)).toEqual([]);
  });
});

describe('credentials', () => {
  it('refuses a wrong credential on public routes too, and the stage key in the address', async () => {
    server = await startServer();
    for (const path of [
      '/api/sessions',
      `/api/sessions/${SESSION}`,
      `/api/sessions/${SESSION}/now`,
      '/api/delegations',
    ]) {
      const wrongToken = await server.http('GET', path, { token: 'not-the-moderator-token' });
      expect(wrongToken.status, path).toBe(401);
      expect(wrongToken.json.error.code).toBe('unauthorized');
      const wrongKey = await server.http('GET', path, {
        headers: { 'x-gavel-stage-key': 'not-the-stage-key' },
      });
      expect(wrongKey.status, path).toBe(401);
      const empty = await server.http('GET', path, { headers: { authorization: 'Bearer ' } });
      expect(empty.status, path).toBe(401);
      const keyInAddress = await server.http('GET', `${path}?key=${STAGE_KEY}`);
      expect(keyInAddress.status, path).toBe(400);
      expect(keyInAddress.json.error.message).toMatch(/header/);
      expect((await server.http('GET', path)).status, path).toBe(200);
    }
  });

  it('slows an address that guesses, right credentials included, and says so in the log', async () => {
    const logger = collecting();
    server = await startServer({ logger });
    const guesses = [];
    for (let i = 0; i < FREE_FAILURES; i++) {
      guesses.push(await server.http('GET', '/api/sessions', { token: `guess-${i}` }));
    }
    expect(guesses.every((r) => r.status === 401)).toBe(true);
    const over = await server.http('GET', '/api/sessions', { token: 'guess-over' });
    expect(over.status).toBe(401);
    // The address now waits: the right token is not even checked, so a right guess teaches nothing.
    const right = await server.http('GET', '/api/sessions', { token: TOKEN });
    expect(right.status).toBe(429);
    expect(right.json.error.code).toBe('rate-limited');
    expect(right.json.error.message).toMatch(/wrong tokens or keys/);
    expect(Number(right.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // Someone with no credential at the same address reads on.
    expect((await server.http('GET', '/api/sessions')).status).toBe(200);
    const warnings = logger.lines.filter((l) => l.level === 'warn').map((l) => l.message);
    expect(warnings.some((m) => /wrong (moderator )?token from/.test(m))).toBe(true);
    expect(warnings.join('\n')).not.toContain(TOKEN);
  });

  it('refuses to start with a token or key shorter than 16 characters', () => {
    expect(() => checkSecretsFromEnv({ GAVEL_MODERATOR_TOKEN: 'short-8c' })).toThrow(ConfigError);
    expect(() => checkSecretsFromEnv({ GAVEL_STAGE_KEY: '123456789012345' })).toThrow(
      /GAVEL_STAGE_KEY must be at least 16 characters/,
    );
    expect(() =>
      checkSecretsFromEnv({
        GAVEL_MODERATOR_TOKEN: 'sixteen-chars-ok',
        GAVEL_STAGE_KEY: 'also-sixteen-chars',
      }),
    ).not.toThrow();
  });
});

describe('requests the client broke', () => {
  it('answers a broken %-escape with 400 and a sentence, on the API and on pages', async () => {
    const logger = collecting();
    server = await startServer({ logger });
    const api = await raw(server.url, 'GET', '/api/sessions/%');
    expect(api.status).toBe(400);
    const body = JSON.parse(api.text) as { ok: boolean; error: { code: string; message: string } };
    expect(body).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(body.error.message).toMatch(/%/);
    for (const [lang, words] of [
      ['en', /cannot be read/],
      ['fr', /illisible/],
    ] as const) {
      const page = await raw(server.url, 'GET', '/live/%', { 'accept-language': lang });
      expect(page.status).toBe(400);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.text).toMatch(words);
      expect(page.text).toContain(`lang="${lang}"`);
      expect(page.text).not.toMatch(/at .*\(|node_modules|URIError|\/server\//);
    }
    expect(logger.lines.filter((l) => l.level === 'error')).toEqual([]);
  });

  it('answers a corrupt compressed body with 400, and a sound one is read', async () => {
    const logger = collecting();
    server = await startServer({ logger });
    const command = Buffer.from(JSON.stringify({ type: 'session.start' }));
    const path = `/api/sessions/${SESSION}/commands`;
    const headers = (encoding: string) => ({
      'content-type': 'application/json',
      'content-encoding': encoding,
      authorization: `Bearer ${TOKEN}`,
    });
    for (const [encoding, packed] of [
      ['gzip', gzipSync(command)],
      ['deflate', deflateSync(command)],
      ['br', brotliCompressSync(command)],
    ] as const) {
      const corrupt = Buffer.concat([packed.subarray(0, 6), Buffer.from('not compressed at all')]);
      const res = await raw(server.url, 'POST', path, headers(encoding), corrupt);
      expect(res.status, encoding).toBe(400);
      const refusal = JSON.parse(res.text) as { error: { code: string; message: string } };
      expect(refusal.error.code).toBe('invalid');
      expect(refusal.error.message).toMatch(/compression|JSON/);
    }
    expect(server.app.hub.state(SESSION)?.version).toBe(0);
    const sound = await raw(server.url, 'POST', path, headers('gzip'), gzipSync(command));
    expect(sound.status).toBe(200);
    expect(logger.lines.filter((l) => l.level === 'error')).toEqual([]);
  });

  it('shows a page that does not exist as a plain page in the visitor’s language', async () => {
    server = await startServer();
    const fr = await raw(server.url, 'GET', '/nowhere', { 'accept-language': 'fr-CH, fr;q=0.9' });
    expect(fr.status).toBe(404);
    expect(fr.text).toMatch(/Rien ici/);
    const en = await raw(server.url, 'GET', '/nowhere');
    expect(en.text).toMatch(/Nothing here/);
  });
});

describe('what browsers are told', () => {
  it('runs no inline script and lets no other site frame a page', async () => {
    server = await startServer();
    for (const path of [`/console/${SESSION}`, `/live/${SESSION}`, '/api/sessions', '/nowhere']) {
      const res = await raw(server.url, 'GET', path);
      const csp = String(res.headers['content-security-policy']);
      // Scripts fall back to default-src: Gavel's own files, nothing inline, no eval.
      expect(csp, path).toMatch(/(^|; )default-src 'self'(;|$)/);
      expect(csp).not.toMatch(/script-src/);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('upgrade-insecure-requests');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['strict-transport-security']).toBeUndefined();
    }
  });

  it('lets the sites the operator names show the overlay in a frame, and only the overlay', async () => {
    server = await startServer({ overlayFrameAncestors: ['https://mixer.example.org'] });
    const overlay = await raw(server.url, 'GET', `/overlay/${SESSION}`);
    expect(String(overlay.headers['content-security-policy'])).toContain(
      'frame-ancestors https://mixer.example.org',
    );
    expect(overlay.headers['x-frame-options']).toBeUndefined();
    const console = await raw(server.url, 'GET', `/console/${SESSION}`);
    expect(String(console.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
    expect(console.headers['x-frame-options']).toBe('DENY');
  });
});

/**
 * What a phone downloads: the built pages and assets as the real server sends them, brotli where
 * the browser takes it, gzip where it takes only that, the file itself otherwise; assets cached
 * for good, pages revalidated; and the live page's first load, headers included, within its
 * budget and free of the console's code. Needs the build (`npm run build`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PHONE_LANGS, WORDS_AT_FIRST, type PublicPage } from '../../bench/pages.ts';
import { SESSION, startServer, type TestServer } from './helpers.ts';

const CLIENT_DIR = fileURLToPath(new URL('../../dist/client', import.meta.url));

/** Bytes on the wire for a page's first load, response headers included (issue 11). */
const BUDGET: Record<PublicPage, number> = {
  live: 80_000,
  stage: 100_000,
};

interface Reply {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  /** The status line and headers as they arrived, in bytes. */
  readonly headBytes: number;
  /** The body as sent, still encoded. */
  readonly body: Buffer;
}

/** A GET as a phone makes it; unlike fetch, it leaves the body encoded and counts the headers. */
function get(path: string, acceptEncoding?: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const headers = acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding };
    const req = request(`${server.url}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        let head = `HTTP/${res.httpVersion} ${res.statusCode} ${res.statusMessage}\r\n`;
        for (let i = 0; i < res.rawHeaders.length; i += 2) {
          head += `${res.rawHeaders[i]}: ${res.rawHeaders[i + 1]}\r\n`;
        }
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          headBytes: Buffer.byteLength(`${head}\r\n`),
          body: Buffer.concat(chunks),
        });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

/** The body as the browser reads it. */
function decoded(reply: Reply): Buffer {
  switch (reply.headers['content-encoding']) {
    case 'br':
      return brotliDecompressSync(reply.body);
    case 'gzip':
      return gunzipSync(reply.body);
    default:
      return reply.body;
  }
}

/** The scripts and style sheets a page's HTML names. */
function namedBy(html: string): string[] {
  const tags = html.match(/<(?:script|link)\b[^>]*>/g) ?? [];
  return tags.flatMap((tag) => {
    const url = /\b(?:src|href)="(\/assets\/[^"]+)"/.exec(tag)?.[1];
    return url ? [url] : [];
  });
}

/** The modules a built script imports: static (`import … from "./x.js"`) or dynamic. */
function importsOf(code: string, url: string, kind: 'static' | 'all'): string[] {
  const pattern =
    kind === 'static'
      ? /\bimport\s*(?:[\w$*{}\s,]*?from\s*)?["'`](\.\/[^"'`]+)["'`]/g
      : /\bimport\s*(?:\(\s*|[\w$*{}\s,]*?from\s*)?["'`](\.\/[^"'`]+)["'`]/g;
  return [...code.matchAll(pattern)].map((m) => new URL(m[1] ?? '', `http://x${url}`).pathname);
}

/** A page and everything it loads, following imports of the scripts: static ones, or all. */
async function graph(page: string, kind: 'static' | 'all'): Promise<Set<string>> {
  const html = decoded(await get(`/${page}/${SESSION}`)).toString();
  const found = new Set(namedBy(html));
  const queue = [...found];
  for (let url = queue.pop(); url !== undefined; url = queue.pop()) {
    if (!url.endsWith('.js')) continue;
    for (const next of importsOf(decoded(await get(url)).toString(), url, kind)) {
      if (found.has(next)) continue;
      found.add(next);
      queue.push(next);
    }
  }
  return found;
}

/**
 * Bytes on the wire, headers included, for a page's first load on a phone in `lang` with one
 * Accept-Encoding: the page, its scripts, and its words in that language.
 */
async function firstLoadBytes(
  page: PublicPage,
  lang: string,
  acceptEncoding: string,
): Promise<number> {
  const scripts = await graph(page, 'static');
  const words = [...(await graph(page, 'all'))].filter((url) =>
    WORDS_AT_FIRST[page](lang).test(url),
  );
  expect(words.length, `${page} in ${lang}`).toBeGreaterThan(0);
  let total = 0;
  for (const url of [`/${page}/${SESSION}`, ...scripts, ...words]) {
    const reply = await get(url, acceptEncoding);
    expect(reply.status, url).toBe(200);
    total += reply.headBytes + reply.body.length;
  }
  return total;
}

let server: TestServer;
let liveScript: string;

beforeAll(async () => {
  if (!existsSync(`${CLIENT_DIR}/live.html`)) {
    throw new Error(`No build in ${CLIENT_DIR}: run npm run build first.`);
  }
  server = await startServer({ clientDir: CLIENT_DIR });
  const html = readFileSync(`${CLIENT_DIR}/live.html`, 'utf8');
  const script = namedBy(html).find((url) => url.endsWith('.js'));
  if (!script) throw new Error('The live page names no script.');
  liveScript = script;
});

afterAll(async () => {
  await server?.close();
});

describe('compressed assets', () => {
  it('sends brotli to a browser that takes it, even one that lists gzip first', async () => {
    const plain = readFileSync(`${CLIENT_DIR}${liveScript}`);
    for (const accept of ['br', 'gzip, deflate, br, zstd']) {
      const reply = await get(liveScript, accept);
      expect(reply.status).toBe(200);
      expect(reply.headers['content-encoding'], accept).toBe('br');
      expect(reply.headers.vary).toBe('Accept-Encoding');
      expect(reply.headers['content-type']).toMatch(/javascript/);
      expect(reply.body.length).toBeLessThan(plain.length / 3);
      expect(brotliDecompressSync(reply.body).equals(plain)).toBe(true);
    }
  });

  it('sends gzip to a browser that takes only gzip, and the file itself to one that takes neither', async () => {
    const plain = readFileSync(`${CLIENT_DIR}${liveScript}`);
    const gzip = await get(liveScript, 'gzip');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.headers.vary).toBe('Accept-Encoding');
    expect(gunzipSync(gzip.body).equals(plain)).toBe(true);

    for (const accept of [undefined, 'identity', 'deflate']) {
      const reply = await get(liveScript, accept);
      expect(reply.headers['content-encoding'], String(accept)).toBeUndefined();
      expect(reply.headers.vary).toBe('Accept-Encoding');
      expect(reply.body.equals(plain)).toBe(true);
    }
  });

  it('caches assets for good and has the browser revalidate every page', async () => {
    const asset = await get(liveScript, 'br');
    expect(asset.headers['cache-control']).toMatch(/\bimmutable\b/);
    expect(asset.headers['cache-control']).toMatch(/\bmax-age=31536000\b/);

    for (const path of ['/', `/live/${SESSION}`, `/stage/${SESSION}`, `/console/${SESSION}`]) {
      const page = await get(path, 'br');
      expect(page.status, path).toBe(200);
      expect(page.headers['cache-control'], path).toBe('no-cache');
      expect(page.headers['content-type'], path).toMatch(/^text\/html/);
      expect(page.headers.vary, path).toBe('Accept-Encoding');
      expect(page.headers['content-encoding'], path).toBe('br');
    }
    const plain = readFileSync(`${CLIENT_DIR}/live.html`);
    expect(decoded(await get(`/live/${SESSION}`, 'br')).equals(plain)).toBe(true);
    expect(decoded(await get(`/live/${SESSION}`, 'gzip')).equals(plain)).toBe(true);
    expect((await get(`/live/${SESSION}`)).body.equals(plain)).toBe(true);
  });
});

describe("a phone's first load", () => {
  it('fits each page in its budget in every language, brotli, headers and words included', async () => {
    for (const [page, budget] of Object.entries(BUDGET) as [PublicPage, number][]) {
      for (const lang of PHONE_LANGS) {
        const bytes = await firstLoadBytes(page, lang, 'br');
        expect(bytes, `${page} in ${lang}`).toBeLessThanOrEqual(budget);
      }
    }
  });

  it("loads none of the console's own code on the live page", async () => {
    const live = await graph('live', 'static');
    const consoleOnly = await graph('console', 'all');
    for (const page of ['live', 'stage', 'overlay', 'report']) {
      for (const url of await graph(page, 'all')) consoleOnly.delete(url);
    }
    expect(consoleOnly.size).toBeGreaterThan(0);
    expect([...live].filter((url) => consoleOnly.has(url))).toEqual([]);
  });
});

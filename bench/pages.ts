/**
 * The first-load rows: what a page costs a phone on the wire, as served by the running server. The
 * HTML, then every script and style sheet it names (`<script src>`, `<link rel=stylesheet>`,
 * `<link rel=modulepreload>`), every module those scripts import statically, and the words the
 * page loads at once in the phone's language (the heaviest language is reported), each fetched on
 * its own connection; bytes are what came off the socket (status line, headers and body).
 */
import { existsSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { ROOT } from './server.ts';

export const ENCODINGS = ['br', 'gzip', 'identity'] as const;
export type Encoding = (typeof ENCODINGS)[number];

export interface PageResult {
  readonly path: string;
  /** The phone's language: the heaviest of the six, whose words the load includes. */
  readonly lang: string;
  /** The HTML and everything it loads at once, in the order found. */
  readonly files: readonly string[];
  /** Bytes on the wire for the whole load, by the `Accept-Encoding` sent. */
  readonly bytes: Readonly<Record<Encoding, number>>;
  /** How many of the files came compressed, by the `Accept-Encoding` sent. */
  readonly compressedFiles: Readonly<Record<Encoding, number>>;
}

export type PagesResult =
  { readonly live: PageResult; readonly stage: PageResult } | { readonly skipped: string };

interface Fetched {
  readonly status: number;
  readonly wireBytes: number;
  readonly body: Buffer;
  readonly encoding: string;
}

function get(base: string, path: string, encoding: Encoding): Promise<Fetched> {
  return new Promise((resolve, reject) => {
    const req = request(
      new URL(path, base),
      { agent: false, timeout: 10_000, headers: { 'accept-encoding': encoding } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            wireBytes: res.socket.bytesRead,
            body: Buffer.concat(chunks),
            encoding: String(res.headers['content-encoding'] ?? 'identity'),
          }),
        );
      },
    );
    req.on('timeout', () => req.destroy(new Error(`GET ${path}: no answer within 10 s`)));
    req.on('error', reject);
    req.end();
  });
}

function decoded(f: Fetched): string {
  const body =
    f.encoding === 'br'
      ? brotliDecompressSync(f.body)
      : f.encoding === 'gzip'
        ? gunzipSync(f.body)
        : f.encoding === 'deflate'
          ? inflateSync(f.body)
          : f.body;
  return body.toString('utf8');
}

const attribute = (tag: string, name: string) =>
  new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i')
    .exec(tag)
    ?.slice(1)
    .find((v) => v !== undefined);

/** What an HTML page loads at once: scripts with a `src`, style sheets, module preloads. */
export function htmlAssets(html: string): string[] {
  const found: string[] = [];
  for (const [tag] of html.matchAll(/<script\b[^>]*>/gi)) {
    const src = attribute(tag, 'src');
    if (src) found.push(src);
  }
  for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
    const rel = (attribute(tag, 'rel') ?? '').toLowerCase().split(/\s+/);
    const href = attribute(tag, 'href');
    if (href && (rel.includes('stylesheet') || rel.includes('modulepreload'))) found.push(href);
  }
  return found;
}

/**
 * The modules a script imports statically (`import … from "./x.js"`, `import "./x.js"`,
 * `export … from "./x.js"`); `import("./x.js")` loads later, on demand, and is not counted.
 * Only relative and absolute paths: a bundle names its chunks that way.
 */
export function staticImports(code: string): string[] {
  const found: string[] = [];
  const pattern =
    /\b(?:import|export)\s*(?:[\w$*{}\s,]*?\bfrom\s*)?["']((?:\.{1,2})?\/[^"']+)["']/g;
  for (const match of code.matchAll(pattern)) if (match[1]) found.push(match[1]);
  return found;
}

/** The languages of the public pages (`LANGS` in client/lib/i18n.ts). */
export const PHONE_LANGS = ['ar', 'zh', 'en', 'fr', 'ru', 'es'] as const;

/**
 * The words a page loads before it shows anything, in the phone's language, by the path of their
 * chunk: the live page its public catalogue; the stage that, its own catalogue and the
 * delegations' names (English names are in the programme).
 */
export const WORDS_AT_FIRST = {
  live: (lang: string) => new RegExp(`^/assets/public-${lang}-[\\w-]+\\.js$`),
  stage: (lang: string) => new RegExp(`^/assets/(?:(?:public|stage)-)?${lang}-[\\w-]+\\.js$`),
} as const;
export type PublicPage = keyof typeof WORDS_AT_FIRST;

/** The modules a script imports when it runs (`import("./x.js")`, or with backticks). */
export function dynamicImports(code: string): string[] {
  return [...code.matchAll(/\bimport\(\s*["'`]((?:\.{1,2})?\/[^"'`]+)["'`]\s*\)/g)].flatMap((m) =>
    m[1] ? [m[1]] : [],
  );
}

async function measurePage(base: string, page: PublicPage, session: string, lang: string) {
  // Found once, uncompressed; then the same list fetched with each encoding.
  const path = `/${page}/${session}`;
  const words = WORDS_AT_FIRST[page](lang);
  const files = [path];
  for (let i = 0; i < files.length; i++) {
    const file = files[i] as string;
    const f = await get(base, file, 'identity');
    if (f.status !== 200) throw new Error(`GET ${file} answered ${f.status}`);
    const text = decoded(f);
    const here = new URL(file, base);
    const isScript = /\.m?js$/.test(here.pathname);
    const next = i === 0 ? htmlAssets(text) : isScript ? staticImports(text) : [];
    const later = isScript ? dynamicImports(text) : [];
    for (const [ref, now] of [
      ...next.map((r) => [r, true] as const),
      ...later.map((r) => [r, false] as const),
    ]) {
      const resolved = new URL(ref, here);
      if (resolved.origin !== here.origin) continue;
      if (!now && !words.test(resolved.pathname)) continue;
      const local = resolved.pathname + resolved.search;
      if (!files.includes(local)) files.push(local);
    }
  }
  const bytes = { br: 0, gzip: 0, identity: 0 };
  const compressedFiles = { br: 0, gzip: 0, identity: 0 };
  for (const encoding of ENCODINGS) {
    for (const file of files) {
      const f = await get(base, file, encoding);
      if (f.status !== 200) throw new Error(`GET ${file} answered ${f.status}`);
      bytes[encoding] += f.wireBytes;
      if (f.encoding !== 'identity') compressedFiles[encoding] += 1;
    }
  }
  return { path, lang, files, bytes, compressedFiles };
}

/** A page's first load in the language that makes it heaviest. */
async function heaviest(base: string, page: PublicPage, session: string): Promise<PageResult> {
  let worst: PageResult | null = null;
  for (const lang of PHONE_LANGS) {
    const result = await measurePage(base, page, session, lang);
    if (!worst || result.bytes.br > worst.bytes.br) worst = result;
  }
  return worst as PageResult;
}

/** The live and the stage page of a session; skipped when the pages are not built. */
export async function measurePages(base: string, session: string): Promise<PagesResult> {
  const built = join(ROOT, 'dist', 'client');
  if (!existsSync(join(built, 'live.html')) || !existsSync(join(built, 'stage.html'))) {
    return { skipped: 'dist/client is missing: run npm run build first' };
  }
  return {
    live: await heaviest(base, 'live', session),
    stage: await heaviest(base, 'stage', session),
  };
}

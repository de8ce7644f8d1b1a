// A build plugin that prints what each route downloads at first render: its HTML and every script
// and style sheet it pulls in statically, raw, gzip (level 9) and brotli (quality 11), the way
// the server sends them. Headers are not counted here; tests/server/assets.test.ts counts them.
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

interface Asset {
  readonly bytes: Uint8Array;
  readonly imports: readonly string[];
  readonly css: readonly string[];
}

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1).padStart(6)} kB`;

export function routeSizes(): Plugin {
  return {
    name: 'gavel-route-sizes',
    apply: 'build',
    // After Vite has written each page's HTML into the bundle.
    enforce: 'post',
    generateBundle(_options, bundle) {
      const assets = new Map<string, Asset>();
      for (const [file, out] of Object.entries(bundle)) {
        if (out.type === 'chunk') {
          const css = [...(out.viteMetadata?.importedCss ?? [])];
          assets.set(file, { bytes: Buffer.from(out.code), imports: out.imports, css });
        } else {
          const source = typeof out.source === 'string' ? Buffer.from(out.source) : out.source;
          assets.set(file, { bytes: source, imports: [], css: [] });
        }
      }
      const rows: string[] = [];
      for (const [file, out] of Object.entries(bundle)) {
        if (out.type !== 'chunk' || !out.isEntry) continue;
        const seen = new Set<string>();
        const visit = (name: string): void => {
          if (seen.has(name)) return;
          seen.add(name);
          const asset = assets.get(name);
          asset?.imports.forEach(visit);
          asset?.css.forEach(visit);
        };
        const html = `${out.name}.html`;
        if (assets.has(html)) seen.add(html);
        visit(file);
        // A style sheet the build inlined into the page is sent inside the HTML, not again.
        const page = Buffer.from(assets.get(html)?.bytes ?? new Uint8Array()).toString('utf8');
        for (const name of [...seen]) {
          if (name.endsWith('.css') && page !== '' && !page.includes(name)) seen.delete(name);
        }
        let raw = 0;
        let gzip = 0;
        let brotli = 0;
        for (const name of seen) {
          const bytes = assets.get(name)?.bytes ?? new Uint8Array();
          raw += bytes.length;
          gzip += gzipSync(bytes, { level: 9 }).length;
          brotli += brotliCompressSync(bytes, {
            params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
          }).length;
        }
        rows.push(
          `  ${out.name.padEnd(8)} ${kb(brotli)} brotli ${kb(gzip)} gzip ${kb(raw)} raw  (${[...seen].join(', ')})`,
        );
      }
      this.info(`what the route downloads at first render:\n${rows.sort().join('\n')}`);
    },
  };
}

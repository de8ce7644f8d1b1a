// A build plugin that prints what each route downloads: its HTML entry and every chunk and style
// sheet it pulls in, gzipped. The live page must carry none of the console's code.
import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

interface Asset {
  readonly bytes: Uint8Array;
  readonly imports: readonly string[];
  readonly css: readonly string[];
}

export function routeSizes(): Plugin {
  return {
    name: 'gavel-route-sizes',
    apply: 'build',
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
        visit(file);
        let gzip = 0;
        for (const name of seen)
          gzip += gzipSync(assets.get(name)?.bytes ?? new Uint8Array()).length;
        rows.push(
          `  ${out.name.padEnd(8)} ${(gzip / 1024).toFixed(1).padStart(6)} KiB gzip  (${[...seen].join(', ')})`,
        );
      }
      this.info(`what each route downloads (JavaScript and CSS, gzip):\n${rows.sort().join('\n')}`);
    },
  };
}

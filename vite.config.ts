/// <reference types="vitest/config" />
// Builds Gavel's views, each route on its own, so a phone never downloads the console; and
// configures the test runner. `vite build` prints what each route downloads at first render.
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { compression, defineAlgorithm } from 'vite-plugin-compression2';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { constants } from 'node:zlib';
import { messageCatalogues } from './scripts/messageCatalogues.ts';
import { routeSizes } from './scripts/routeSizes.ts';

const client = fileURLToPath(new URL('./client', import.meta.url));
export const ENTRIES = ['console', 'stage', 'live', 'overlay', 'report'] as const;

export default defineConfig({
  root: client,
  base: '/',
  plugins: [
    react(),
    messageCatalogues(),
    leanPreload(),
    noWebTransport(),
    webSocketFirst(),
    textOnlySending(),
    inlineStyles(),
    routeSizes(),
    // A brotli and a gzip copy beside each file, made once here at the highest levels, for the
    // server to send as they are. Brotli's largest input blocks take another 0.1 kB off a page.
    compression({
      algorithms: [
        defineAlgorithm('brotliCompress', {
          params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_LGBLOCK]: 24 },
        }),
        defineAlgorithm('gzip', { level: 9 }),
      ],
      logLevel: 'silent',
    }),
  ],
  build: {
    outDir: fileURLToPath(new URL('./dist/client', import.meta.url)),
    target: 'es2022',
    // A page is one script: there is nothing to preload, and no polyfill to carry for it.
    modulePreload: false,
  },
  // Each page is its own build, so it gets one script and one style sheet holding all it needs
  // (a request costs a phone a round trip and headers), and nothing another page needs.
  environments: Object.fromEntries(
    ENTRIES.map((name, i) => [
      name,
      {
        consumer: 'client',
        build: {
          emptyOutDir: i === 0,
          rolldownOptions: { input: { [name]: `${client}/${name}.html` } },
        },
      },
    ]),
  ),
  builder: {
    async buildApp(builder) {
      for (const name of ENTRIES) {
        const environment = builder.environments[name];
        if (environment) await builder.build(environment);
      }
    },
  },
  test: {
    root: fileURLToPath(new URL('.', import.meta.url)),
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    fileParallelism: true,
    maxWorkers: 2,
  },
});

/**
 * Socket.IO's client carries a WebTransport transport that Gavel never asks for (its pages use
 * WebSocket, then polling): about 0.6 kB of every page, against the live page's 80 kB budget.
 */
function noWebTransport(): Plugin {
  const id = '\0gavel-no-webtransport';
  return {
    name: 'gavel-no-webtransport',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source === './webtransport.js' && importer?.includes('engine.io-client')) return id;
      return null;
    },
    load(loading) {
      return loading === id ? 'export const WT = undefined;' : null;
    },
  };
}

/**
 * A page opens its socket on a WebSocket, and long-polling is for where that fails (a proxy that
 * blocks the upgrade): so the long-polling transport is not in the page's script. Engine.IO's table
 * of transports starts with the WebSocket alone, and `client/lib/pollingFallback.ts`, loaded once
 * a connection fails, adds long-polling to it (1.4 kB off every phone's first load).
 */
function webSocketFirst(): Plugin {
  const prefix = '\0gavel-transports:';
  const pollingStub = '\0gavel-no-polling';
  return {
    name: 'gavel-websocket-first',
    enforce: 'pre',
    async resolveId(source, importer) {
      if (source === 'virtual:engine.io-polling') {
        // Engine.IO's long-polling transport, which its package does not export on its own.
        const engine = await this.resolve('engine.io-client', importer);
        return engine && join(dirname(engine.id), 'transports', 'polling-xhr.js');
      }
      if (!importer?.includes('engine.io-client')) return null;
      // What Engine.IO's index re-exports of long-polling, Socket.IO's client never uses.
      if (/^\.\/transports\/polling-(xhr|fetch)/.test(source)) return pollingStub;
      if (source !== './transports/index.js') return null;
      return prefix + join(dirname(importer), 'transports', 'websocket.js');
    },
    load(loading) {
      if (loading === pollingStub) return 'export const XHR = undefined, Fetch = undefined;';
      if (!loading.startsWith(prefix)) return null;
      const websocket = JSON.stringify(loading.slice(prefix.length));
      return `import { WS } from ${websocket};\nexport const transports = { websocket: WS };`;
    },
  };
}

/**
 * Gavel's pages send only JSON (commands, clock samples), never binary; they receive binary in one
 * place, the packed snapshot. So the part of Socket.IO's packet encoder that looks through each
 * outgoing packet for binary and splits it out is left out of the pages' script (about 0.3 kB
 * compressed off every first load); the decoder, which unpacks binary, stays whole. The build
 * fails if the encoder no longer reads as expected, rather than leave the pages guessing.
 */
function textOnlySending(): Plugin {
  const check = /if \(hasBinary\(obj\)\) \{/;
  const splitter = /\n {4}encodeAsBinary\(obj\) \{[\s\S]*?\n {4}\}\n/;
  return {
    name: 'gavel-text-only-sending',
    apply: 'build',
    transform(code, id) {
      if (!/socket\.io-parser[\\/]build[\\/]esm[\\/]index\.js$/.test(id)) return null;
      if (!check.test(code) || !splitter.test(code)) {
        this.error(`Socket.IO's encoder (${id}) changed: look again at textOnlySending.`);
      }
      return code.replace(check, 'if (false) {').replace(splitter, '\n');
    },
  };
}

/**
 * Vite wraps each `import()` in a helper that first loads the style sheets and scripts the
 * imported chunk needs. Gavel's lazy chunks need none: `modulePreload` is off, and their styles
 * are in the page's sheet or come in their code (`?inline`, as client/live/openFloor.ts does). So
 * the helper, 2 kB a page would carry for nothing, becomes a plain call; and the build fails if a
 * lazy chunk ever brings a style sheet of its own, which the plain call would not load.
 */
function leanPreload(): Plugin {
  const helper = '\0vite/preload-helper.js';
  return {
    name: 'gavel-lean-preload',
    apply: 'build',
    enforce: 'pre',
    load(id) {
      return id === helper ? 'export const __vitePreload = (load) => load();' : null;
    },
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type === 'chunk' && !chunk.isEntry && chunk.viteMetadata?.importedCss.size) {
          this.error(`${chunk.fileName} has a style sheet of its own: put it in the page's.`);
        }
      }
    },
  };
}

/**
 * Writes each page's style sheet into its HTML, a response fewer on a phone's first load. The
 * HTML is revalidated on each load (its ETag), so the styles cost nothing more on a second one.
 */
function inlineStyles(): Plugin {
  return {
    name: 'gavel-inline-styles',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const inlined = new Set<string>();
      for (const page of Object.values(bundle)) {
        if (page.type !== 'asset' || !page.fileName.endsWith('.html')) continue;
        page.source = String(page.source).replace(
          /<link rel="stylesheet"[^>]* href="\/([^"]+\.css)">/g,
          (link, file: string) => {
            const sheet = bundle[file];
            if (sheet?.type !== 'asset') return link;
            inlined.add(file);
            return `<style>${String(sheet.source)}</style>`;
          },
        );
      }
      for (const file of inlined) delete bundle[file];
    },
  };
}

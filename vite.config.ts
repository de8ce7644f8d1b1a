/// <reference types="vitest/config" />
// Builds Gavel's views, one entry (and one chunk graph) per route, so a phone never downloads the
// console; and configures the test runner.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { routeSizes } from './scripts/routeSizes.ts';

const client = fileURLToPath(new URL('./client', import.meta.url));
export const ENTRIES = ['console', 'stage', 'live', 'overlay', 'report'] as const;

export default defineConfig({
  root: client,
  base: '/',
  plugins: [react(), routeSizes()],
  build: {
    outDir: fileURLToPath(new URL('./dist/client', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    rollupOptions: {
      input: Object.fromEntries(ENTRIES.map((name) => [name, `${client}/${name}.html`])),
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

// A build plugin that turns a message catalogue (ICU MessageFormat, one JSON file per language,
// `client/i18n/<pack>/<lang>.json`) into plain functions when the pages are built: an import of
// `…/fr.json?messages` gets a module whose default export has, for each message, a function of
// its parameters. A page carries no parser, only `@messageformat/runtime`'s small helpers and the
// plural rules of its own language. Vitest runs the same plugin, so tests import catalogues too.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import MessageFormat from '@messageformat/core';
import compileModule from '@messageformat/core/lib/compile-module.js';
import type { Plugin } from 'vite';

const QUERY = '?messages';
// A virtual id that does not end in `.json`, so Vite's JSON plugin leaves the module alone.
const PREFIX = '\0gavel-messages:';

/** The compiled module of one catalogue file; its file name is its language (`fr.json`). */
export function compileCatalogue(file: string): string {
  const locale = basename(file, '.json');
  const messages: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (typeof messages !== 'object' || messages === null) {
    throw new Error(`${file}: a catalogue is an object of messages.`);
  }
  try {
    return compileModule(new MessageFormat(locale), messages as Record<string, string>);
  } catch (error) {
    throw new Error(`${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export function messageCatalogues(): Plugin {
  return {
    name: 'gavel-message-catalogues',
    enforce: 'pre',
    async resolveId(source, importer) {
      if (!source.endsWith(QUERY)) return null;
      const file = await this.resolve(source.slice(0, -QUERY.length), importer, { skipSelf: true });
      return file ? `${PREFIX}${file.id}.js` : null;
    },
    load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const file = id.slice(PREFIX.length, -'.js'.length);
      this.addWatchFile(file);
      return compileCatalogue(file);
    },
  };
}

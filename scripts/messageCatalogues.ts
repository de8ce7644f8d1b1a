// A build plugin that turns a message catalogue (ICU MessageFormat, one JSON file per language,
// `client/i18n/<pack>/<lang>.json`) into plain functions when the pages are built: an import of
// `…/fr.json?messages` gets a module whose default export has, for each message, a function of
// its parameters. A page carries no parser, only `@messageformat/runtime`'s small helpers and the
// plural rules of its own language. Vitest runs the same plugin, so tests import catalogues too.
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import MessageFormat from '@messageformat/core';
import compileModule from '@messageformat/core/lib/compile-module.js';
import * as cardinals from '@messageformat/runtime/lib/cardinals';
import * as runtime from '@messageformat/runtime';
import type { Plugin } from 'vite';

const QUERY = '?messages';
// A virtual id that does not end in `.json`, so Vite's JSON plugin leaves the module alone, and
// whose name says the catalogue and the language, so its chunk does: `public-fr-….js`.
const PREFIX = '\0gavel-messages:';
const virtualId = (file: string) =>
  `${PREFIX}${dirname(file)}/${basename(dirname(file))}-${basename(file, '.json')}.js`;
const fileOf = (id: string) => {
  const dir = dirname(id.slice(PREFIX.length));
  return join(dir, `${basename(id, '.js').slice(basename(dir).length + 1)}.json`);
};

/** The compiled module of one catalogue file; its file name is its language (`fr.json`). */
export function compileCatalogue(file: string): string {
  const locale = basename(file, '.json');
  const messages: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (typeof messages !== 'object' || messages === null) {
    throw new Error(`${file}: a catalogue is an object of messages.`);
  }
  let code: string;
  try {
    code = compileModule(new MessageFormat(locale), messages as Record<string, string>);
  } catch (error) {
    throw new Error(`${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return inlineRuntime(code);
}

/**
 * Writes the few runtime helpers a catalogue uses (plural, number) and its language's plural rule
 * (the browser's own `Intl.PluralRules`, the same CLDR rules in fewer bytes) into the catalogue
 * itself, a few hundred bytes: imported, they would be chunks of their own, and a phone would make
 * three requests for its words instead of one. The catalogue test checks that the helpers still
 * work once written out (a plural, a number in Western digits).
 */
function inlineRuntime(code: string): string {
  const helpers = runtime as unknown as Record<string, (...args: never[]) => unknown>;
  const rules = cardinals as unknown as Record<string, (n: number | string) => string>;
  const names = (list: string) => list.split(',').map((name) => name.trim());
  return code
    .replace(/^import \{([^}]*)\} from "@messageformat\/runtime";$/m, (_line, list: string) => {
      const wanted = new Set(names(list));
      if (wanted.has('number') || wanted.has('strictNumber')) wanted.add('_nf');
      // Numbers in Western digits in every language, like the countdown (client/lib/format.ts).
      return [...wanted]
        .map((name) => String(helpers[name]))
        .join('\n')
        .replace('new Intl.NumberFormat(lc)', 'new Intl.NumberFormat(lc + "-u-nu-latn")');
    })
    .replace(
      /^import \{([^}]*)\} from "@messageformat\/runtime\/lib\/cardinals";$/m,
      (_line, list: string) =>
        names(list)
          .map((name) => {
            if (typeof rules[name] !== 'function') throw new Error(`No plural rules for ${name}.`);
            const lang = JSON.stringify(name.replace(/_/g, '-'));
            return `const ${name} = (n) => (${name}.r ??= new Intl.PluralRules(${lang})).select(Number(n));`;
          })
          .join('\n'),
    );
}

export function messageCatalogues(): Plugin {
  return {
    name: 'gavel-message-catalogues',
    enforce: 'pre',
    async resolveId(source, importer) {
      if (!source.endsWith(QUERY)) return null;
      const file = await this.resolve(source.slice(0, -QUERY.length), importer, { skipSelf: true });
      return file ? virtualId(file.id) : null;
    },
    load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const file = fileOf(id);
      this.addWatchFile(file);
      return compileCatalogue(file);
    },
  };
}

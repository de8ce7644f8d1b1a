/**
 * Where each language's words are, for the pages that load them as they need them: each catalogue
 * file is a chunk of its own, so a phone downloads only its own language's. `public` is what every
 * phone shows first, `stage` what the stage display adds; the parts loaded later (the open floor's
 * words, the delegations' names, the refusals) are in `laterCatalogues.ts`, out of the live page's
 * first load.
 *
 * Adding a language: its catalogues (`public/`, `floor/`, `stage/`, `refusals/<lang>.json`), its
 * delegation names (`shared/programmes/delegation-names/<lang>.json`), its lines here, in
 * `laterCatalogues.ts` and in `LANGS`.
 */
import type { CompiledMessages, Lang, LanguagePack } from '../lib/i18n.ts';

export type Loaders = Partial<Record<Lang, () => Promise<Partial<LanguagePack>>>>;
type Module = { readonly default: CompiledMessages };

export const messages = (load: () => Promise<Module>) => () =>
  load().then((m): Partial<LanguagePack> => ({ messages: m.default }));

export const PUBLIC: Loaders = {
  ar: messages(() => import('./public/ar.json?messages')),
  zh: messages(() => import('./public/zh.json?messages')),
  en: messages(() => import('./public/en.json?messages')),
  fr: messages(() => import('./public/fr.json?messages')),
  ru: messages(() => import('./public/ru.json?messages')),
  es: messages(() => import('./public/es.json?messages')),
};

export const STAGE: Loaders = {
  ar: messages(() => import('./stage/ar.json?messages')),
  zh: messages(() => import('./stage/zh.json?messages')),
  en: messages(() => import('./stage/en.json?messages')),
  fr: messages(() => import('./stage/fr.json?messages')),
  ru: messages(() => import('./stage/ru.json?messages')),
  es: messages(() => import('./stage/es.json?messages')),
};

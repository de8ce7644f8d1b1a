/**
 * Where each language's words are, for the pages that load them as they need them: each catalogue
 * file is a chunk of its own, so a phone downloads only its own language's. `public` is what every
 * phone shows first; `floor` comes with the open floor's parts, `stage` with the stage display,
 * `names` (the delegations' names in the languages the delegations list does not carry) once the
 * page shows a delegation, `refusals` with the first refusal.
 *
 * Adding a language: its catalogues (`public/`, `floor/`, `stage/`, `refusals/<lang>.json`), its
 * delegation names (`shared/programmes/delegation-names/<lang>.json`), its lines here and in
 * `LANGS`.
 */
import type { CompiledMessages, Lang, LanguagePack } from '../lib/i18n.ts';

type Loaders = Partial<Record<Lang, () => Promise<Partial<LanguagePack>>>>;
type Module = { readonly default: CompiledMessages };

const messages = (load: () => Promise<Module>) => () =>
  load().then((m): Partial<LanguagePack> => ({ messages: m.default }));

export const PUBLIC: Loaders = {
  en: messages(() => import('./public/en.json?messages')),
  fr: messages(() => import('./public/fr.json?messages')),
};

export const FLOOR: Loaders = {
  en: messages(() => import('./floor/en.json?messages')),
  fr: messages(() => import('./floor/fr.json?messages')),
};

export const STAGE: Loaders = {
  en: messages(() => import('./stage/en.json?messages')),
  fr: messages(() => import('./stage/fr.json?messages')),
};

/** English and French names come with each delegation: there is nothing to load. */
export const NAMES: Loaders = {};

const refusals = (load: () => Promise<Module>) => () =>
  load().then((m): Partial<LanguagePack> => ({ refusals: m.default }));

/** English is the server's own (`shared/refusals.ts`). */
export const REFUSALS: Loaders = {
  fr: refusals(() => import('./refusals/fr.json?messages')),
};

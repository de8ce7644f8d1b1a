/**
 * The parts of each language's pack a page loads once it needs them: the list of meetings, the
 * open floor's words, the delegations' names, the refusals. A module of its own, so that the live page's first load
 * carries none of it (see `catalogues.ts`).
 */
import type { CompiledMessages, LanguagePack } from '../lib/i18n.ts';
import { messages, type Loaders } from './catalogues.ts';

type Module = { readonly default: CompiledMessages };

/** The list of meetings on `/`, when a server has several: few phones ever see it. */
export const PICKER: Loaders = {
  ar: messages(() => import('./picker/ar.json?messages')),
  zh: messages(() => import('./picker/zh.json?messages')),
  en: messages(() => import('./picker/en.json?messages')),
  fr: messages(() => import('./picker/fr.json?messages')),
  ru: messages(() => import('./picker/ru.json?messages')),
  es: messages(() => import('./picker/es.json?messages')),
};

export const FLOOR: Loaders = {
  ar: messages(() => import('./floor/ar.json?messages')),
  zh: messages(() => import('./floor/zh.json?messages')),
  en: messages(() => import('./floor/en.json?messages')),
  fr: messages(() => import('./floor/fr.json?messages')),
  ru: messages(() => import('./floor/ru.json?messages')),
  es: messages(() => import('./floor/es.json?messages')),
};

type NamesModule = { readonly default: { readonly names: Readonly<Record<string, string>> } };
const names = (load: () => Promise<NamesModule>) => () =>
  load().then((m): Partial<LanguagePack> => ({ names: m.default.names }));

/** English and French names come with each delegation: there is nothing to load for them. */
export const NAMES: Loaders = {
  ar: names(() => import('../../shared/programmes/delegation-names/ar.json')),
  zh: names(() => import('../../shared/programmes/delegation-names/zh.json')),
  ru: names(() => import('../../shared/programmes/delegation-names/ru.json')),
  es: names(() => import('../../shared/programmes/delegation-names/es.json')),
};

const refusals = (load: () => Promise<Module>) => () =>
  load().then((m): Partial<LanguagePack> => ({ refusals: m.default }));

/**
 * English is the server's own (`shared/refusals.ts`); French has every refusal, the other
 * languages those a phone or a display can meet (`PUBLIC_REFUSALS`).
 */
export const REFUSALS: Loaders = {
  ar: refusals(() => import('./refusals/ar.json?messages')),
  zh: refusals(() => import('./refusals/zh.json?messages')),
  fr: refusals(() => import('./refusals/fr.json?messages')),
  ru: refusals(() => import('./refusals/ru.json?messages')),
  es: refusals(() => import('./refusals/es.json?messages')),
};

/**
 * The refusals a delegate's phone or a display can meet, worded in every language: asking for the
 * floor, and joining the meeting. The others name the console's work and keep English in the
 * languages that are not the Court's.
 */
export const PUBLIC_REFUSALS = [
  'list-not-open',
  'list-not-open-yet',
  'list-closed',
  'floor-code-needed',
  'floor-code-wrong',
  'one-per-10s',
  'three-open',
  'replies-used',
  'point-of-order-live',
  'stage-key-wrong-link',
  'protocol-old',
  'protocol-new',
  'session-unknown-link',
  'too-many-devices',
  'device-held-off',
  'too-many-commands',
] as const;

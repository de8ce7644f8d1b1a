/**
 * Languages and message catalogues. The words are data: ICU MessageFormat catalogues in
 * `client/i18n/<pack>/<lang>.json`, compiled into functions when the pages are built
 * (`scripts/messageCatalogues.ts`). A page says which languages it has and how to get each one's
 * pack (`startLanguages`): the public pages load only the phone's own language, the console and
 * the report carry English and French. English defines the keys; `tests/client/catalogues.test.ts`
 * checks that every other catalogue has each of them with the same placeholders.
 *
 * The language comes from `?lang=` on a display, else this browser's earlier choice, else its
 * settings, else English; it is switchable. A right-to-left language sets `dir` on the page.
 */
import { create } from 'zustand';
import type { Category } from '../../shared/categories.ts';
import type { DelegationRef } from '../../shared/state.ts';
import type deskEn from '../i18n/desk/en.json';
import type floorEn from '../i18n/floor/en.json';
import type pickerEn from '../i18n/picker/en.json';
import type publicEn from '../i18n/public/en.json';
import type stageEn from '../i18n/stage/en.json';

/** The six official languages of the United Nations, in their usual (English) order. */
export const LANGS = [
  { code: 'ar', label: 'العربية', short: 'عربي', dir: 'rtl' },
  { code: 'zh', label: '中文', short: '中文', dir: 'ltr' },
  { code: 'en', label: 'English', short: 'EN', dir: 'ltr' },
  { code: 'fr', label: 'Français', short: 'FR', dir: 'ltr' },
  { code: 'ru', label: 'Русский', short: 'RU', dir: 'ltr' },
  { code: 'es', label: 'Español', short: 'ES', dir: 'ltr' },
] as const;
export type Lang = (typeof LANGS)[number]['code'];

/** A compiled message: its parameters in, the sentence out. */
export type MessageFn = (params?: Readonly<Record<string, string | number>>) => string;
/** A compiled catalogue: messages, or sections of them. */
export interface CompiledMessages {
  readonly [key: string]: MessageFn | CompiledMessages;
}

/** A compiled message's sentence; undefined when `message` is not one (a section, or nothing). */
export function sentence(
  message: MessageFn | CompiledMessages | undefined,
  params: Readonly<Record<string, string | number>> = {},
): string | undefined {
  return typeof message === 'function' ? message(params) : undefined;
}

/** One language's words for a page, and what else it needs in that language. */
export interface LanguagePack {
  /** The catalogue's sections (`common`, `live`, `console`…). */
  readonly messages: CompiledMessages;
  /** Delegation names by id, for the languages the delegations list does not carry. */
  readonly names?: Readonly<Record<string, string>>;
  /** The refusals' sentences, when the page carries them (the console does). */
  readonly refusals?: CompiledMessages;
}

/** A pack at hand, or the way to load it (or part of it). */
export type PackSource = LanguagePack | (() => Promise<Partial<LanguagePack>>);
/** A part of each language's pack, by language. */
export type PartSources = Partial<Record<Lang, PackSource>>;

// English defines the keys of each section.
type Sections = typeof publicEn & typeof pickerEn & typeof floorEn & typeof stageEn & typeof deskEn;
export type SectionName = keyof Sections;

/** A section of the catalogues, typed by its English keys. */
export interface Catalogue<K extends string> {
  readonly section: SectionName;
  /** Only for the compiler: the keys. */
  readonly keys?: K;
}

/** The section `name` of the catalogues. */
export function section<S extends SectionName>(name: S): Catalogue<keyof Sections[S] & string> {
  return { section: name };
}

interface LangState {
  /** The page's language. */
  readonly lang: Lang;
  /** False until the page's first language has its words. */
  readonly shown: boolean;
  /** The languages this page offers. */
  readonly langs: readonly Lang[];
  /** What is loaded so far of each language. */
  readonly packs: Partial<Record<Lang, LanguagePack>>;
}

export const useLang = create<LangState>()(() => ({
  lang: 'en',
  shown: false,
  langs: [],
  packs: {},
}));

const STORAGE_KEY = 'gavel.lang';
/** The parts of each pack the page uses: `base` from the start, others once needed. */
const parts = new Map<string, PartSources>();
const loading = new Map<string, Promise<void>>();

function known(code: string | null | undefined): Lang | null {
  const base = code?.toLowerCase().split('-')[0];
  return base !== undefined && parts.get('base')?.[base as Lang] ? (base as Lang) : null;
}

function preferredLang(wanted: string | null): Lang {
  const asked = known(wanted);
  if (asked) return asked;
  try {
    const kept = known(localStorage.getItem(STORAGE_KEY));
    if (kept) return kept;
  } catch {
    // No storage: use the browser's settings.
  }
  for (const code of navigator.languages ?? [navigator.language]) {
    const lang = known(code);
    if (lang) return lang;
  }
  return 'en';
}

/** Joins catalogues: their sections, and the messages of a section two of them share. */
export function joinMessages(
  ...parts: readonly (CompiledMessages | undefined)[]
): CompiledMessages {
  const joined: Record<string, MessageFn | CompiledMessages> = {};
  for (const part of parts) {
    for (const [name, value] of Object.entries(part ?? {})) {
      const kept = joined[name];
      joined[name] =
        typeof kept === 'object' && typeof value === 'object' ? { ...kept, ...value } : value;
    }
  }
  return joined;
}

function merge(pack: LanguagePack | undefined, add: Partial<LanguagePack>): LanguagePack {
  return { ...pack, ...add, messages: joinMessages(pack?.messages, add.messages) };
}

function addToPack(lang: Lang, add: Partial<LanguagePack>): void {
  useLang.setState((s) => ({ packs: { ...s.packs, [lang]: merge(s.packs[lang], add) } }));
}

/** Loads one part of a language's pack, once; a failed load is tried again next time. */
function loadPart(lang: Lang, name: string): Promise<void> {
  const key = `${name}:${lang}`;
  const started = loading.get(key);
  if (started) return started;
  const source = parts.get(name)?.[lang];
  if (!source) return Promise.resolve();
  const load =
    typeof source === 'function' ? source().then((add) => addToPack(lang, add)) : Promise.resolve();
  loading.set(key, load);
  load.catch(() => loading.delete(key));
  return load;
}

/** Loads every part the page uses of a language's pack; the base must load, the rest may fail. */
async function loadPack(lang: Lang): Promise<void> {
  const rest = [...parts.keys()].filter((name) => name !== 'base');
  await Promise.all([
    loadPart(lang, 'base'),
    ...rest.map((name) => loadPart(lang, name).catch(() => {})),
  ]);
}

function show(lang: Lang): void {
  useLang.setState({ lang, shown: true });
  document.documentElement.lang = lang;
  document.documentElement.dir = LANGS.find((l) => l.code === lang)?.dir ?? 'ltr';
}

/**
 * Sets up the page's languages and shows the first (`wanted`, from the address, if the page has
 * it), with the `more` parts of its pack the page needs from the start. Packs given as objects
 * are there at once; the others load, and the page renders its words once its language is there
 * (`LangGate`). If that language cannot load, English does.
 */
export function startLanguages(
  given: PartSources,
  wanted: string | null = null,
  more: Readonly<Record<string, PartSources>> = {},
): Promise<void> {
  parts.set('base', given);
  for (const [name, sources] of Object.entries(more)) parts.set(name, sources);
  const packs: Partial<Record<Lang, LanguagePack>> = {};
  for (const [code, source] of Object.entries(given)) {
    if (typeof source !== 'function') packs[code as Lang] = source;
  }
  useLang.setState({ langs: LANGS.map((l) => l.code).filter((code) => code in given), packs });
  const lang = preferredLang(wanted);
  if (packs[lang]) {
    show(lang);
    return Promise.resolve();
  }
  return loadPack(lang).then(
    () => show(lang),
    () => loadPack('en').then(() => show('en')),
  );
}

/**
 * Adds a part to each language's pack (the open floor's words, the stage's, the delegations'
 * names) and loads it for the page's language; a later switch of language loads it too.
 */
export function addPart(name: string, sources: PartSources): Promise<void> {
  if (!parts.has(name)) parts.set(name, sources);
  return loadPart(useLang.getState().lang, name);
}

/** Switches the page's language once its words are there, and remembers it. */
export async function setLang(lang: Lang): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Not kept.
  }
  try {
    await loadPack(lang);
  } catch {
    return; // The words could not load (the network dropped): the page stays as it was.
  }
  show(lang);
}

/** True once the page's language has its words. */
export function useLangReady(): boolean {
  return useLang((s) => s.shown);
}

export type Translate<K extends string> = (
  key: K,
  params?: Readonly<Record<string, string | number>>,
) => string;

/** A translator for one catalogue section in one loaded language; an unknown key shows as such. */
export function translator<K extends string>(catalogue: Catalogue<K>, lang: Lang): Translate<K> {
  const sectionOf = useLang.getState().packs[lang]?.messages[catalogue.section];
  return (key, params) =>
    sentence(typeof sectionOf === 'object' ? sectionOf[key] : undefined, params) ?? key;
}

/** The translator for the page's current language. */
export function useT<K extends string>(catalogue: Catalogue<K>): Translate<K> {
  const lang = useLang((s) => s.lang);
  useLang((s) => s.packs[lang]);
  return translator(catalogue, lang);
}

/**
 * A delegation's name in a language: English and French come with the delegation; the other
 * languages' names come with their pack, by id. A delegation the session added itself has only
 * its English and French names, and shows in English.
 */
export function delegationLabel(ref: DelegationRef, lang: Lang): string {
  if (lang === 'fr') return ref.fr;
  if (lang === 'en' || ref.id === null) return ref.en;
  const name = useLang.getState().packs[lang]?.names?.[ref.id];
  // The names load once the page first shows a delegation; English stands in until then.
  if (name === undefined) wantNames();
  return name ?? ref.en;
}

let namesLoader: (() => void) | null = null;

/** How the page loads the delegations' names in its language, once it shows a delegation. */
export function loadNamesWith(load: () => void): void {
  namesLoader = load;
}

/** Loads the delegations' names in the page's language, if the page loads them and has not. */
export function wantNames(): void {
  namesLoader?.();
}

/** English or French, the languages of the console, the report and what they edit. */
export type DeskLang = 'en' | 'fr';
/** The page's language if it is one of the desk's, else English. */
export const deskLang = (lang: Lang): DeskLang => (lang === 'fr' ? 'fr' : 'en');
/** The desk's languages as `LANGS` describes them. */
export const DESK_LANGS = LANGS.filter(
  (l): l is Extract<(typeof LANGS)[number], { code: DeskLang }> =>
    l.code === 'en' || l.code === 'fr',
);

/** The words shared by every view. */
export const common = section('common');

export type CommonKey = NonNullable<(typeof common)['keys']>;

/** The category's key in the common catalogue. */
export const categoryKey = (c: Category): CommonKey => `category.${c}`;

/**
 * Languages and message catalogues. English defines the keys; every other language must give
 * each of them (the compiler checks). The language comes from this browser's choice, else its
 * settings, and is switchable. Right-to-left languages set `dir` on the page.
 */
import { create } from 'zustand';
import type { Category } from '../../shared/categories.ts';
import { fillSentence } from '../../shared/fillSentence.ts';
import { pluralKey } from '../../shared/plural.ts';
import type { DelegationRef } from '../../shared/state.ts';

export const LANGS = [
  { code: 'en', label: 'English', short: 'EN', dir: 'ltr' },
  { code: 'fr', label: 'Français', short: 'FR', dir: 'ltr' },
] as const;
export type Lang = (typeof LANGS)[number]['code'];

const STORAGE_KEY = 'gavel.lang';

function initialLang(): Lang {
  const codes = LANGS.map((l) => l.code as string);
  try {
    const kept = localStorage.getItem(STORAGE_KEY);
    if (kept && codes.includes(kept)) return kept as Lang;
  } catch {
    // No storage: use the browser's settings.
  }
  for (const wanted of navigator.languages ?? [navigator.language]) {
    const base = wanted.toLowerCase().split('-')[0] ?? '';
    if (codes.includes(base)) return base as Lang;
  }
  return 'en';
}

export const useLang = create<{ lang: Lang }>()(() => ({ lang: initialLang() }));

function applyToDocument(lang: Lang): void {
  const info = LANGS.find((l) => l.code === lang);
  document.documentElement.lang = lang;
  document.documentElement.dir = info?.dir ?? 'ltr';
}
applyToDocument(useLang.getState().lang);

/** Switches the page's language and remembers it. */
export function setLang(lang: Lang): void {
  useLang.setState({ lang });
  applyToDocument(lang);
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Not kept.
  }
}

export type Messages = Record<string, string>;
export type Catalogue<M extends Messages> = { readonly en: M } & {
  readonly [L in Exclude<Lang, 'en'>]: { readonly [K in keyof M]: string };
};

/** Declares a catalogue: English first, then every other language with the same keys. */
export function defineMessages<M extends Messages>(catalogue: Catalogue<M>): Catalogue<M> {
  return catalogue;
}

export type Translate<M extends Messages> = (
  key: keyof M & string,
  params?: Record<string, string | number>,
) => string;

/** A translator for one catalogue in one language. */
export function translator<M extends Messages>(catalogue: Catalogue<M>, lang: Lang): Translate<M> {
  const table = catalogue[lang] as Record<string, string>;
  return (key, params) => fillSentence(table[key] ?? catalogue.en[key] ?? key, params);
}

/** The translator for the page's current language. */
export function useT<M extends Messages>(catalogue: Catalogue<M>): Translate<M> {
  const lang = useLang((s) => s.lang);
  return translator(catalogue, lang);
}

/** A delegation's name in a language. */
export function delegationLabel(ref: DelegationRef, lang: Lang): string {
  return lang === 'fr' ? ref.fr : ref.en;
}

/** The words shared by every view. */
export const common = defineMessages({
  en: {
    'status.scheduled': 'Not started',
    'status.live': 'Live',
    'status.suspended': 'Suspended',
    'status.ended': 'Ended',
    'phase.normal': 'On time',
    'phase.warning': 'Time to conclude',
    'phase.danger': 'Time is almost up',
    'phase.overtime': 'Over time',
    'kind.remarks': 'Remarks',
    'kind.presentation': 'Presentation',
    'kind.summary': 'Summary',
    'kind.statement': 'Statement',
    'kind.question': 'Question',
    'kind.answer': 'Answer',
    'kind.reply': 'Right of reply',
    'kind.point-of-order': 'Point of order',
    'category.state-party': 'State Party',
    'category.observer-state': 'Observer State',
    'category.organisation': 'Organisation',
    'category.civil-society': 'Civil society',
    'category.court': 'Court',
    'category.panellist': 'Panellist',
    'category.other': 'Other',
    'request.requested': 'Waiting for approval',
    'request.queued': 'On the list',
    'request.speaking': 'Speaking',
    'request.done': 'Done',
    'request.declined': 'Declined',
    'request.withdrawn': 'Withdrawn',
    'request.not-heard': 'Not heard',
    'floor.not-open': 'The list of speakers is not open',
    'floor.open': 'The list of speakers is open',
    'floor.closed': 'The list of speakers is closed',
    offline: 'Offline — reconnecting',
    connecting: 'Connecting…',
    paused: 'Paused',
    'unknown-session': 'This meeting is not on this Gavel server.',
  },
  fr: {
    'status.scheduled': 'Pas encore commencée',
    'status.live': 'En direct',
    'status.suspended': 'Suspendue',
    'status.ended': 'Terminée',
    'phase.normal': 'Dans les temps',
    'phase.warning': 'Veuillez conclure',
    'phase.danger': 'Temps presque écoulé',
    'phase.overtime': 'Temps dépassé',
    'kind.remarks': 'Allocution',
    'kind.presentation': 'Présentation',
    'kind.summary': 'Synthèse',
    'kind.statement': 'Déclaration',
    'kind.question': 'Question',
    'kind.answer': 'Réponse',
    'kind.reply': 'Droit de réponse',
    'kind.point-of-order': 'Motion d’ordre',
    'category.state-party': 'État partie',
    'category.observer-state': 'État observateur',
    'category.organisation': 'Organisation',
    'category.civil-society': 'Société civile',
    'category.court': 'Cour',
    'category.panellist': 'Intervenant',
    'category.other': 'Autre',
    'request.requested': 'En attente d’approbation',
    'request.queued': 'Inscrit sur la liste',
    'request.speaking': 'À la parole',
    'request.done': 'Terminé',
    'request.declined': 'Refusé',
    'request.withdrawn': 'Retiré',
    'request.not-heard': 'Non entendu',
    'floor.not-open': 'La liste des orateurs n’est pas ouverte',
    'floor.open': 'La liste des orateurs est ouverte',
    'floor.closed': 'La liste des orateurs est close',
    offline: 'Hors ligne — reconnexion',
    connecting: 'Connexion…',
    paused: 'En pause',
    'unknown-session': 'Cette réunion n’est pas sur ce serveur Gavel.',
  },
});

export type CommonKey = keyof (typeof common)['en'];

/** The category's key in the common catalogue. */
export const categoryKey = (c: Category): CommonKey => `category.${c}`;

/** The bases of a catalogue's plural sentences: `questions` for `questions.other`. */
export type PluralBase<M extends Messages> = {
  [K in keyof M & string]: K extends `${infer B}.other` ? B : never;
}[keyof M & string];

/**
 * A translator for counted things: `plural('questions', 1)` says "1 question" in English and
 * `plural('questions', 0)` "0 question" in French, by each language's rules (`shared/plural.ts`).
 * The count fills `{count}`.
 */
export function usePlural<M extends Messages>(
  catalogue: Catalogue<M>,
): (base: PluralBase<M>, count: number, params?: Record<string, string | number>) => string {
  const lang = useLang((s) => s.lang);
  const table = catalogue[lang] as Record<string, string>;
  return (base, count, params) =>
    fillSentence(table[pluralKey(base, count, lang, (key) => key in table)] ?? base, {
      ...params,
      count,
    });
}

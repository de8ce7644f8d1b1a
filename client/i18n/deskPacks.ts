/**
 * The console's and the report's languages, English and French (the working languages of the
 * Court): both carried by the page, with the public pages' words they share and the refusals.
 */
import type { Lang, LanguagePack } from '../lib/i18n.ts';
import deskEn from './desk/en.json?messages';
import deskFr from './desk/fr.json?messages';
import publicEn from './public/en.json?messages';
import publicFr from './public/fr.json?messages';
import refusalsFr from './refusals/fr.json?messages';

export const DESK_PACKS: Partial<Record<Lang, LanguagePack>> = {
  en: { messages: { ...publicEn, ...deskEn } },
  fr: { messages: { ...publicFr, ...deskFr }, refusals: refusalsFr },
};

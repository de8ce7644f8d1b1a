/**
 * The console's and the report's languages, English and French (the working languages of the
 * Court): both carried by the page, with the public pages' words they share and the refusals.
 * (The `common` words of the open floor are in the floor catalogue: the live page loads them with
 * its open floor.)
 */
import { joinMessages, type Lang, type LanguagePack } from '../lib/i18n.ts';
import deskEn from './desk/en.json?messages';
import deskFr from './desk/fr.json?messages';
import floorEn from './floor/en.json?messages';
import floorFr from './floor/fr.json?messages';
import publicEn from './public/en.json?messages';
import publicFr from './public/fr.json?messages';
import refusalsFr from './refusals/fr.json?messages';

export const DESK_PACKS: Partial<Record<Lang, LanguagePack>> = {
  en: { messages: joinMessages(publicEn, floorEn, deskEn) },
  fr: { messages: joinMessages(publicFr, floorFr, deskFr), refusals: refusalsFr },
};

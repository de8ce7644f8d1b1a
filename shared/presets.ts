/**
 * The moderator's ready-made messages to the speaker, each in English and in French (the speaker
 * may use either). A session starts with `DEFAULT_MESSAGE_PRESETS` (its state holds null for
 * them); `message.presets` replaces them, and the log keeps that like any other command, so a log
 * written before presets could be edited replays to the defaults. Only the console and the
 * registry import this module: the phones' pages never load the defaults. Pure.
 */

/** One ready-made message, in both working languages. */
export interface MessagePreset {
  readonly en: string;
  readonly fr: string;
}

/** How many presets a session keeps: one row of buttons per language on the console. */
export const MAX_MESSAGE_PRESETS = 12;
/** The longest preset, per language: a button's label, shorter than a free message (280). */
export const MAX_PRESET_LENGTH = 120;

/** The presets every session starts with, in the order shown. */
export const DEFAULT_MESSAGE_PRESETS: readonly MessagePreset[] = [
  { en: 'Please conclude', fr: 'Veuillez conclure' },
  { en: 'One minute', fr: 'Une minute' },
  { en: 'Time is up', fr: 'Le temps est écoulé' },
  { en: 'Please slow down for the interpreters', fr: 'Veuillez ralentir pour les interprètes' },
];

/** The words of the message presets' editor (message panel). */
import { section } from '../lib/i18n.ts';

export const presetMessages = section('presets');

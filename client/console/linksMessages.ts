/** The words of the links panel: each display's link, its QR code, and the options form. */
import { section } from '../lib/i18n.ts';

export const linksMessages = section('links');

/** The report's words, in English and French (`client/i18n/desk/*.json`, section `report`). */
import { section } from '../lib/i18n.ts';

export const reportMessages = section('report');

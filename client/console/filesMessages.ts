/** The words of the programme-files panel: import, export, rehearsal copy, the record. */
import { section } from '../lib/i18n.ts';

export const filesMessages = section('files');

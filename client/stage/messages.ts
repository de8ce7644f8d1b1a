/** The stage display's own words; the shared ones are in `common` and `displayMessages`. */
import { section } from '../lib/i18n.ts';

export const stageMessages = section('stage');

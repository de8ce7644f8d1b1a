/**
 * The live page's own words for what every phone shows (`client/i18n/public/*.json`, section
 * `live`); the open floor's are in `floorMessages`, the shared ones in `common` and
 * `displayMessages`.
 */
import { section } from '../lib/i18n.ts';

export const liveMessages = section('live');

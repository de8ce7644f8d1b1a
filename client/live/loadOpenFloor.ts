/**
 * The open floor's parts with their words in the page's language, and the delegations' names the
 * list of speakers shows: all loaded before either part renders.
 */
import { FLOOR, NAMES } from '../i18n/catalogues.ts';
import { addPart } from '../lib/i18n.ts';
import type * as OpenFloor from './openFloor.ts';

export function loadOpenFloor(): Promise<typeof OpenFloor> {
  return Promise.all([
    import('./openFloor.ts'),
    addPart('floor', FLOOR),
    // Without them, a delegation shows in English.
    addPart('names', NAMES).catch(() => {}),
  ]).then(([parts]) => parts);
}

/**
 * The open floor's parts with their words in the page's language, loaded before either part
 * renders. (The delegations' names load once one is shown: `wantNames`.)
 */
import { addPart } from '../lib/i18n.ts';
import type * as OpenFloor from './openFloor.ts';

export function loadOpenFloor(): Promise<typeof OpenFloor> {
  const words = import('../i18n/laterCatalogues.ts').then(({ FLOOR }) => addPart('floor', FLOOR));
  return Promise.all([import('./openFloor.ts'), words]).then(([parts]) => parts);
}

/**
 * The words of the open floor on the live page (the list of speakers, this device's requests, the
 * form to ask for the floor): `client/i18n/public/*.json`, section `floor`.
 */
import { section } from '../lib/i18n.ts';

export const floorMessages = section('floor');

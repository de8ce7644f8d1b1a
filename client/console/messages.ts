/**
 * The console's own words, English and French (`client/i18n/desk/*.json`, section `console`).
 * The words every view shares (statuses, phases, kinds, categories) are in the `common` section.
 */
import { section } from '../lib/i18n.ts';

export const messages = section('console');

export type MessageKey = NonNullable<(typeof messages)['keys']>;

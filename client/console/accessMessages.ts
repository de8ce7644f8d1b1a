/** The words of the Access panel (who gets which link) and of the secretariat's record. */
import { section } from '../lib/i18n.ts';

export const accessMessages = section('access');

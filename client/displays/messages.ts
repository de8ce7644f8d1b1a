/** Words the three displays share: who speaks, who is next, the state of the connection. */
import { section } from '../lib/i18n.ts';

export const displayMessages = section('displays');

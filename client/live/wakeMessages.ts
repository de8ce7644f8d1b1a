/** What the live page says when it cannot keep the phone's screen awake; loaded only then. */
import { defineMessages } from '../lib/i18n.ts';

export const wakeMessages = defineMessages({
  en: {
    'wake.none': 'Your screen may go to sleep during the meeting: tap the page to keep it on.',
  },
  fr: {
    'wake.none':
      'Votre écran risque de se mettre en veille pendant la réunion : touchez la page pour le garder allumé.',
  },
});

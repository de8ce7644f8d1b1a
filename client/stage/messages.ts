/** The stage display's own words; the shared ones are in `common` and `displayMessages`. */
import { defineMessages } from '../lib/i18n.ts';

export const stageMessages = defineMessages({
  en: {
    fullscreen: 'Full screen',
    'idle.follow': 'Follow the meeting on your phone',
    'idle.loopback':
      'This address works only on this computer. Start Gavel with HOST=0.0.0.0 or GAVEL_PUBLIC_URL to show the one phones use.',
    'idle.floor-code': 'Code to ask for the floor',
    'idle.qr': 'QR code of the live page',
    'floor-code.short': 'Floor code {code}',
    'wake.fallback':
      'This browser does not let the page keep the screen awake here (Screen Wake Lock needs https or localhost). Gavel plays a silent, invisible video instead; to be sure, set this computer not to sleep.',
    'wake.none':
      'This screen may go to sleep: the browser lets the page neither keep it awake nor play the silent video that would. Click anywhere on the page to try again, and set this computer not to sleep.',
    'wake.dismiss': 'Close',
    'refused.key':
      'The stage key in this link is not valid. Open the stage link Gavel printed at start.',
    'no-key':
      'No stage key: messages to the speaker and the floor code are not shown. Open the stage link Gavel printed at start.',
    message: 'Message from the chair',
    'chime.click': 'Click once to allow the chime',
  },
  fr: {
    fullscreen: 'Plein écran',
    'idle.follow': 'Suivez la réunion sur votre téléphone',
    'idle.loopback':
      'Cette adresse ne fonctionne que sur cet ordinateur. Lancez Gavel avec HOST=0.0.0.0 ou GAVEL_PUBLIC_URL pour afficher celle des téléphones.',
    'idle.floor-code': 'Code pour demander la parole',
    'idle.qr': 'Code QR de la page en direct',
    'floor-code.short': 'Code {code}',
    'wake.fallback':
      'Ce navigateur ne permet pas à la page de garder l’écran allumé ici (Screen Wake Lock exige https ou localhost). Gavel lit à la place une vidéo muette et invisible ; par précaution, empêchez la mise en veille de cet ordinateur.',
    'wake.none':
      'Cet écran risque de se mettre en veille : le navigateur ne permet à la page ni de le garder allumé, ni de lire la vidéo muette qui le ferait. Cliquez n’importe où sur la page pour réessayer, et empêchez la mise en veille de cet ordinateur.',
    'wake.dismiss': 'Fermer',
    'refused.key':
      'La clé de scène de ce lien n’est pas valable. Ouvrez le lien de la scène affiché par Gavel au démarrage.',
    'no-key':
      'Pas de clé de scène : les messages à l’orateur et le code de prise de parole ne s’affichent pas. Ouvrez le lien de la scène affiché par Gavel au démarrage.',
    message: 'Message de la présidence',
    'chime.click': 'Cliquez une fois pour autoriser le carillon',
  },
});

/** Words the three displays share: who speaks, who is next, the state of the connection. */
import { defineMessages } from '../lib/i18n.ts';

export const displayMessages = defineMessages({
  en: {
    'next.label': 'Next',
    'next.request-speaker': '{delegation} ({speaker})',
    'speaker.on-behalf': 'on behalf of {group}',
    'speaker.question-to': 'Question to {name}',
    'time.left': 'left',
    'time.over': 'over',
    'time.spoken': 'Time spoken',
    'refused.title': 'This display cannot join the meeting',
  },
  fr: {
    'next.label': 'Ensuite',
    'next.request-speaker': '{delegation} ({speaker})',
    'speaker.on-behalf': 'au nom de {group}',
    'speaker.question-to': 'Question à {name}',
    'time.left': 'restantes',
    'time.over': 'de dépassement',
    'time.spoken': 'Temps de parole écoulé',
    'refused.title': 'Cet affichage ne peut pas rejoindre la réunion',
  },
});

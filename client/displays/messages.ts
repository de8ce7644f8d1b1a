/** Words the three displays share: who speaks, who is next, the state of the connection. */
import { defineMessages } from '../lib/i18n.ts';

export const displayMessages = defineMessages({
  en: {
    'next.label': 'Next',
    'next.request-speaker': '{delegation} ({speaker})',
    'speaker.on-behalf': 'on behalf of {group}',
    'speaker.question-to': 'Question to {name}',
    'next.interrupted': 'interrupted, resumes after the point of order',
    'speaker.interrupts': 'Point of order: {name} interrupted',
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
    'next.interrupted': 'interrompu(e), reprend après la motion d’ordre',
    'speaker.interrupts': 'Motion d’ordre : {name} interrompu(e)',
    'time.left': 'restantes',
    'time.over': 'de dépassement',
    'time.spoken': 'Temps de parole écoulé',
    'refused.title': 'Cet affichage ne peut pas rejoindre la réunion',
  },
});

import { defineMessages } from '../lib/i18n.ts';

/** The words of the message presets' editor (message panel). */
export const presetMessages = defineMessages({
  en: {
    edit: 'Edit presets',
    title: 'Message presets',
    hint: 'Each preset in English and in French; the stage shows the one you press.',
    none: 'No presets: add one, or type a message below.',
    'preset-n': 'Preset {n}',
    en: 'English',
    fr: 'French',
    up: 'Move preset {n} up',
    down: 'Move preset {n} down',
    remove: 'Remove preset {n}',
    add: 'Add a preset',
    save: 'Save the presets',
    cancel: 'Cancel',
    defaults: 'Back to the defaults',
    full: 'At most {max} presets.',
  },
  fr: {
    edit: 'Modifier',
    title: 'Messages prêts',
    hint: 'Chaque message en anglais et en français ; la scène affiche celui sur lequel vous appuyez.',
    none: 'Aucun message prêt : ajoutez-en un, ou tapez un message ci-dessous.',
    'preset-n': 'Message {n}',
    en: 'Anglais',
    fr: 'Français',
    up: 'Monter le message {n}',
    down: 'Descendre le message {n}',
    remove: 'Supprimer le message {n}',
    add: 'Ajouter un message',
    save: 'Enregistrer les messages',
    cancel: 'Annuler',
    defaults: 'Revenir aux messages par défaut',
    full: 'Au plus {max} messages.',
  },
});

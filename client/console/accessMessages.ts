/** The words of the Access panel (who gets which link) and of the secretariat's record. */
import { defineMessages } from '../lib/i18n.ts';

export const accessMessages = defineMessages({
  en: {
    title: 'Access',
    explain:
      'Each role opens its own console with its own link. The floor officer keeps the list of speakers; the secretariat reads the record. Give each link only to its holder.',
    moderator: 'Moderator',
    'floor-officer': 'Floor officer',
    secretariat: 'Secretariat',
    report: 'Printable record (secretariat)',
    copy: 'Copy',
    copied: 'Copied',
    replace: 'Replace token',
    'replace-confirm': 'Replace now: the old link stops working',
    replaced: 'New token: give the new link to its holder.',
    loading: 'Loading…',
    failed: 'The links could not be loaded: {message}',
    'record.title': 'The record',
    'record.explain':
      'The secretariat reads the record and downloads its files; it changes nothing in the meeting.',
    'record.turns': 'Turns',
    'record.none': 'Nobody has spoken yet.',
    'record.speaker': 'Speaker',
    'record.segment': 'Segment',
    'record.spoken': 'Spoken',
    'record.planned': 'Planned',
    'record.refresh': 'Refresh',
    'record.json': 'Record (JSON)',
    'record.csv': '{table} (CSV)',
    'record.report': 'Open the printable record',
    'officer.explain':
      'Floor officer: you keep the list of speakers. The timer, the session and the programme are the moderator’s.',
  },
  fr: {
    title: 'Accès',
    explain:
      'Chaque rôle ouvre sa propre console avec son propre lien. L’agent de la liste des orateurs tient la liste ; le secrétariat lit le compte rendu. Ne donnez chaque lien qu’à son titulaire.',
    moderator: 'Modérateur',
    'floor-officer': 'Agent de la liste des orateurs',
    secretariat: 'Secrétariat',
    report: 'Compte rendu imprimable (secrétariat)',
    copy: 'Copier',
    copied: 'Copié',
    replace: 'Remplacer le jeton',
    'replace-confirm': 'Remplacer maintenant : l’ancien lien cesse de fonctionner',
    replaced: 'Nouveau jeton : donnez le nouveau lien à son titulaire.',
    loading: 'Chargement…',
    failed: 'Les liens n’ont pas pu être chargés : {message}',
    'record.title': 'Le compte rendu',
    'record.explain':
      'Le secrétariat lit le compte rendu et en télécharge les fichiers ; il ne change rien à la séance.',
    'record.turns': 'Interventions',
    'record.none': 'Personne n’a encore parlé.',
    'record.speaker': 'Orateur',
    'record.segment': 'Segment',
    'record.spoken': 'Durée',
    'record.planned': 'Prévu',
    'record.refresh': 'Actualiser',
    'record.json': 'Compte rendu (JSON)',
    'record.csv': '{table} (CSV)',
    'record.report': 'Ouvrir le compte rendu imprimable',
    'officer.explain':
      'Agent de la liste des orateurs : vous tenez la liste. Le chronomètre, la séance et le programme sont au modérateur.',
  },
});

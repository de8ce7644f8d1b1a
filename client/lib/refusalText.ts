/**
 * A refusal in the page's language: the refusals Gavel names by key are worded here in every
 * language but English (the compiler checks each has them all); any other keeps the server's
 * English sentence.
 */
import type { GavelError } from '../../shared/errors.ts';
import { fillSentence, REFUSALS, type RefusalKey } from '../../shared/refusals.ts';
import type { Lang } from './i18n.ts';

const FR: Readonly<Record<RefusalKey, string>> = {
  'not-started': 'La séance n’a pas encore commencé : ouvrez-la d’abord.',
  suspended: 'La séance est suspendue : reprenez-la d’abord.',
  ended:
    'La séance est close : il ne reste qu’annuler (pour la rouvrir) et corriger le compte rendu.',
  'no-turn': 'Personne n’a la parole : appelez d’abord un orateur.',
  'point-of-order':
    'Une motion d’ordre est en cours : terminez-la (F) et l’orateur interrompu reprend.',
  'nothing-to-undo': 'Il n’y a rien à annuler.',
  'already-started': 'La séance a déjà commencé.',
  'not-suspended': 'La séance n’est pas suspendue.',
  'programme-over': 'Aucun segment n’est en cours : le programme est terminé, clôturez la séance.',
  'list-empty': 'La liste des orateurs est vide : clôturez le segment pour passer à la suite.',
  'recall-busy':
    'Quelqu’un a la parole : terminez cette intervention (F) avant de rappeler un orateur.',
  'recall-nobody': 'Personne n’a encore fini de parler : il n’y a personne à rappeler.',
  'no-segment': 'Aucun segment n’est en cours.',
  'timer-running': 'Le chronomètre tourne déjà.',
  'timer-stopped': 'Le chronomètre ne tourne pas.',
  'list-not-open': 'La liste des orateurs n’est pas ouverte.',
  'list-not-open-yet': 'La liste des orateurs n’est pas encore ouverte.',
  'list-closed':
    'La liste des orateurs est close : seul un droit de réponse peut encore être demandé.',
  'too-little-time': 'Ce serait retirer plus de temps qu’il n’en a été accordé.',
  'no-speaker-after':
    'Il n’y a pas d’orateur après celui-ci : terminez l’intervention (F) ou clôturez la séance.',
  stale:
    'La séance a avancé (version {version}, la commande attendait {expected}) : regardez à nouveau et recommencez.',
  'floor-code-needed': 'Cette réunion demande le code affiché dans la salle.',
  'floor-code-wrong': 'Ce code n’est pas le bon : vérifiez le code affiché dans la salle.',
  'one-per-10s': 'Une demande toutes les 10 secondes : réessayez dans {seconds} s.',
  'three-open':
    'Cet appareil a déjà 3 demandes ouvertes : retirez-en une, ou attendez que l’une soit entendue.',
};

const BY_LANG: Readonly<Record<Exclude<Lang, 'en'>, Readonly<Record<RefusalKey, string>>>> = {
  fr: FR,
};

/** The refusal's sentence in `lang`. */
export function refusalText(error: GavelError, lang: Lang): string {
  if (lang === 'en' || error.key === undefined || !(error.key in REFUSALS)) return error.message;
  return fillSentence(BY_LANG[lang][error.key as RefusalKey], error.params);
}

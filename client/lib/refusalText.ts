/**
 * A refusal in the page's language: the refusals Gavel names by key are worded here in every
 * language but English (the compiler checks each has them all); any other keeps the server's
 * English sentence.
 */
import type { GavelError } from '../../shared/errors.ts';
import { fillSentence, REFUSALS, type RefusalKey } from '../../shared/refusals.ts';
import type { Lang } from './i18n.ts';

const FR: Readonly<Record<RefusalKey, string>> = {
  'not-started': 'La séance n’a pas encore commencé : ouvrez-la d’abord.',
  suspended: 'La séance est suspendue : reprenez-la d’abord.',
  ended:
    'La séance est close : il ne reste qu’à défaire (pour la rouvrir) et corriger le compte rendu.',
  'no-turn': 'Personne n’a la parole : appelez d’abord un orateur.',
  'point-of-order':
    'Une motion d’ordre est en cours : terminez-la (F) et l’orateur interrompu reprend.',
  'nothing-to-undo': 'Il n’y a rien à défaire.',
  'undo-request-twice':
    '{delegation} a redemandé la parole entre-temps : défaire la dernière action lui laisserait deux demandes en attente ({kind}). Approuvez plutôt sa nouvelle demande (et remontez-la, si elle doit garder sa place d’avant).',
  'undo-replies-used':
    '{delegation} a redemandé un droit de réponse entre-temps : défaire la dernière action lui en donnerait plus de deux. Approuvez plutôt sa nouvelle demande.',
  'undo-device-full':
    'Un appareil de délégué a demandé la parole entre-temps : défaire la dernière action lui laisserait plus de {max} demandes en attente. Inscrivez plutôt à la main la demande que « Défaire » rétablirait.',
  'already-started': 'La séance a déjà commencé.',
  'not-suspended': 'La séance n’est pas suspendue.',
  'programme-over': 'Aucun segment n’est en cours : le programme est terminé, clôturez la séance.',
  'list-empty': 'La liste des orateurs est vide : clôturez le segment pour passer à la suite.',
  'recall-busy':
    'Quelqu’un a la parole : terminez cette intervention (F) avant de rappeler un orateur.',
  'recall-nobody': 'Personne n’a encore fini de parler : il n’y a personne à rappeler.',
  'no-segment': 'Aucun segment n’est en cours.',
  'timer-running': 'Le chronomètre tourne déjà.',
  'timer-stopped': 'Le chronomètre ne tourne pas.',
  'list-not-open': 'La liste des orateurs n’est pas ouverte.',
  'list-not-open-yet': 'La liste des orateurs n’est pas encore ouverte.',
  'list-closed':
    'La liste des orateurs est close : seuls un droit de réponse ou une motion d’ordre peuvent encore être demandés.',
  'too-little-time': 'Ce serait retirer plus de temps qu’il n’en a été accordé.',
  'no-speaker-after':
    'Il n’y a pas d’orateur après celui-ci : terminez l’intervention (F) ou clôturez la séance.',
  stale:
    'La séance a avancé (version {version}, la commande attendait {expected}) : regardez à nouveau et recommencez.',
  'floor-code-needed': 'Cette réunion demande le code affiché dans la salle.',
  'floor-code-wrong': 'Ce code n’est pas le bon : vérifiez le code affiché dans la salle.',
  'one-per-10s': 'Une demande toutes les 10 secondes : réessayez dans {seconds} s.',
  'three-open':
    'Cet appareil a déjà 3 demandes ouvertes : retirez-en une, ou attendez que l’une soit entendue.',

  // The state machine's refusals (shared/domains/). A {status} or {kind} is the code's English word.
  'forbidden-command': 'Le rôle « {role} » ne peut pas envoyer {command} : il faut le modérateur.',
  'forbidden-command-delegate':
    'Le rôle « {role} » ne peut pas envoyer {command} : il faut l’appareil d’une délégation, l’agent de la liste des orateurs ou le modérateur.',
  'forbidden-command-floor':
    'Le rôle « {role} » ne peut pas envoyer {command} : il faut l’agent de la liste des orateurs ou le modérateur.',
  'no-changes': 'changes : indiquez au moins un champ à modifier.',
  'item-not-found': 'L’élément « {item} » n’existe pas dans cette séance.',
  'item-not-in-segment': 'L’élément « {item} » n’existe pas dans le segment « {segment} ».',
  'segment-not-found': 'Le segment « {segment} » n’existe pas dans cette séance.',
  'request-not-found': 'La demande « {request} » n’existe pas dans cette séance.',
  'turn-not-found': 'L’intervention « {turn} » n’existe pas dans cette séance.',
  'skip-not-upcoming':
    '« {name} » n’est plus à venir (état : {status}) : seul un orateur à venir peut être passé.',
  'call-floor-item':
    'Les orateurs du débat ouvert reçoivent la parole depuis la liste des orateurs, ou sont rappelés.',
  'already-speaking': '{name} a déjà la parole.',
  'recall-earlier-segment':
    'Le dernier orateur a parlé dans un segment précédent : rappelez-le plutôt depuis le programme.',
  'recall-gone': 'Le dernier orateur n’est plus au programme.',
  'times-panel-segment':
    'changes.times : seul un segment de débat ouvert a des temps par type de demande.',
  'no-message': 'Il n’y a aucun message à effacer sur la scène.',
  'stage-already-blank': 'La scène est déjà masquée.',
  'stage-not-blank': 'La scène n’est pas masquée.',
  'presets-unchanged': 'Les messages prêts sont déjà ceux-ci.',
  'preset-twice': 'Deux messages prêts disent « {text} » : gardez-en un.',
  'add-floor-item':
    'Les interventions d’un débat ouvert viennent de la liste des orateurs : inscrivez plutôt une délégation.',
  'item-id-taken': 'L’identifiant d’élément « {id} » est déjà pris.',
  'danger-after-warning':
    'danger : ne doit pas dépasser le temps d’avertissement (le danger vient après l’avertissement).',
  'edit-floor-item':
    'Les interventions d’un débat ouvert suivent leur demande : elles ne peuvent pas être modifiées.',
  'move-floor-item':
    'Les interventions d’un débat ouvert gardent l’ordre où elles ont été entendues.',
  'move-into-floor': 'Un élément ne peut aller que dans un segment de panel.',
  'move-speaking': 'L’orateur qui a la parole reste dans le segment en cours.',
  'item-index': 'toIndex : doit aller de 0 à {last}.',
  'item-in-place': 'L’élément est déjà à cette place.',
  'remove-speaking': 'L’orateur qui a la parole ne peut pas être retiré.',
  'remove-spoken': '« {name} » a déjà parlé et reste au compte rendu : passez-le plutôt.',
  'list-already-open': 'La liste des orateurs est déjà ouverte.',
  'list-closed-reopen':
    'La liste des orateurs est close : rouvrez-la pour inscrire une autre déclaration ou question.',
  'request-secretariat-kind':
    'Une réponse est inscrite par le secrétariat, pour l’intervenant qui répond.',
  'request-category': 'Le secrétariat fixe la catégorie d’une délégation : ne l’indiquez pas.',
  'device-key-needed': 'Une demande de parole a besoin de la clé d’appareil de ce navigateur.',
  'point-of-order-live':
    'Une motion d’ordre ne peut être soulevée que lorsque la séance est en cours.',
  'answer-panellist':
    'delegation : pour une réponse, donnez l’identifiant de l’élément de l’intervenant qui répond.',
  'question-needs-panellist':
    'addressedTo : une question nomme l’intervenant à qui elle s’adresse.',
  'not-a-panellist': 'addressedTo : « {item} » n’est pas un intervenant de ce programme.',
  'addressed-not-question': 'addressedTo : seule une question s’adresse à un intervenant.',
  'request-open': '{delegation} a déjà une demande de ce type ouverte ({kind}).',
  'replies-used': '{delegation} a déjà exercé ses deux droits de réponse dans cette séance.',
  'withdraw-not-yours': 'Seul l’appareil qui a demandé la parole peut retirer sa demande.',
  'withdraw-not-waiting':
    'Cette demande n’est plus en attente (état : {status}) : seule une demande en attente peut être retirée.',
  'approve-not-new':
    'Cette demande n’est pas nouvelle (état : {status}) : seule une nouvelle demande peut être approuvée.',
  'decline-not-waiting':
    'Cette demande n’est plus en attente (état : {status}) : seule une demande en attente peut être refusée.',
  'move-not-queued':
    'Cette demande n’est pas inscrite (état : {status}) : seule une demande inscrite peut être déplacée.',
  'queue-index': 'toIndex : doit aller de 0 à {last}, les places de la file.',
  'give-not-waiting':
    'Cette demande n’est plus en attente (état : {status}) : seule une demande en attente peut recevoir la parole.',
  'point-of-order-heard': 'Une motion d’ordre est déjà en cours.',
  'point-of-order-no-segment':
    'Aucun segment n’est en cours : une motion d’ordre interrompt un segment.',
  'give-not-floor-segment':
    'La parole est donnée à la liste des orateurs dans un segment de débat ouvert : passez-y d’abord.',
  'delegation-id-taken': 'L’identifiant de délégation « {id} » est déjà pris.',
  'delegation-name-taken':
    'Une délégation nommée « {name} » figure déjà sur la liste (identifiant « {id} ») : inscrivez-la, ou donnez un autre nom à la nouvelle.',
  'turn-running': 'Cette intervention est encore en cours : corrigez-la une fois terminée.',
  'ended-before-started': 'endedAt : ne doit pas précéder startedAt.',

  // The server's refusals: handshakes, HTTP routes, limits and the hub.
  'no-session':
    'La connexion ne nomme aucune séance : ouvrez un lien qui se termine par l’identifiant de la séance.',
  'field-empty': '{field} est vide : envoyez {what}, ou omettez {field}.',
  'field-not-text': '{field} doit être {what} sous forme de texte, pas {kind}.',
  'role-unknown': 'role : doit être l’un de {roles}.',
  'session-id-malformed':
    'Ce n’est pas un identifiant de séance que Gavel aurait pu créer : vérifiez le lien.',
  'token-wrong-link':
    'Le jeton n’est pas le bon : ouvrez le lien de la console que Gavel a affiché au démarrage, ou celui que le modérateur vous a donné.',
  'stage-key-wrong-link':
    'La clé de la scène n’est pas la bonne : ouvrez le lien de la scène que Gavel a affiché au démarrage.',
  'device-key-malformed':
    'deviceKey : doit compter de 16 à 128 lettres, chiffres, tirets ou tirets bas.',
  'console-needs-token':
    'La console demande le jeton du modérateur : ouvrez le lien de la console que Gavel a affiché au démarrage.',
  'officer-needs-token':
    'La console de l’agent de la liste des orateurs demande son jeton : ouvrez le lien que le modérateur vous a donné.',
  'secretariat-needs-token':
    'La console du secrétariat demande son jeton : ouvrez le lien que le modérateur vous a donné.',
  'stage-needs-key':
    'L’affichage de scène demande la clé de la scène : ouvrez le lien de la scène que Gavel a affiché au démarrage.',
  'delegate-needs-device-key': 'L’appareil d’un délégué envoie sa deviceKey avec la connexion.',
  'protocol-old':
    'Cette page est plus ancienne que le serveur : elle se recharge ; sinon, rechargez-la.',
  'protocol-new':
    'Cette page est plus récente que le serveur : elle se recharge ; sinon, rechargez-la.',
  'protocol-malformed':
    'protocol : doit être le numéro entier de la version du protocole ({version}), ou être omis.',
  'too-many-wrong':
    'Trop de jetons ou de clés erronés depuis cette adresse : attendez {seconds} s, puis réessayez avec le lien affiché par Gavel.',
  'foreign-origin':
    'Gavel n’accepte de connexions que de ses propres pages, et celle-ci vient de {origin} : ouvrez Gavel à sa propre adresse, ou demandez à la personne qui le fait tourner d’ajouter ce site à GAVEL_ALLOWED_ORIGINS.',
  'session-unknown-link': 'Il n’y a pas de séance « {session} » sur ce serveur : vérifiez le lien.',
  'too-many-devices':
    'Trop d’appareils sont connectés à Gavel depuis ce réseau ({cap}, le maximum pour une adresse) : cette page réessaie dans {seconds} s.',
  'device-held-off':
    'Cet appareil a envoyé beaucoup trop de demandes et a été déconnecté : il pourra se reconnecter dans {seconds} s.',
  'packet-too-large':
    'Cela faisait {kb} Ko d’un coup, plus que les {maxKb} Ko que Gavel accepte : rien n’a été fait, et la connexion est fermée (elle se rétablit d’elle-même).',
  'too-many-commands': 'Trop de commandes trop vite : attendez {seconds} s et réessayez.',
  'command-too-many-values': 'Une commande compte au plus {max} valeurs : celle-ci en a davantage.',
  'command-too-deep':
    'Une commande est imbriquée sur {max} niveaux au plus : celle-ci va plus loin.',
  'command-not-json': 'La commande ne peut pas être lue comme du JSON.',
  'command-too-large': 'Une commande fait au plus {maxKb} Ko de JSON : celle-ci en fait {kb}.',
  'command-not-object':
    'Une commande est un objet JSON avec un type, comme {"type":"speaker.next"}.',
  'command-type-not-text':
    'type : une commande nomme son type sous forme de texte, comme "speaker.next".',
  'command-unknown': 'type : {type} n’est pas une commande de Gavel (docs/api.md les énumère).',
  'command-invalid': '{command} n’est pas valide : {problems}.',
  'session-unknown': 'Il n’y a pas de séance « {session} » sur ce serveur.',
  'session-id-taken':
    'Une séance d’identifiant « {id} » existe déjà sur ce serveur : donnez un autre identifiant au programme.',
  'session-under-way':
    '« {id} » est en cours : clôturez la séance avant de la supprimer (son compte rendu part avec elle).',
  'log-unwritable':
    'Le serveur n’a pas pu écrire cette commande dans son journal, elle n’a donc pas été exécutée : prévenez le technicien (le disque est peut-être plein, ou la base de données injoignable).',
  'log-contended':
    'D’autres consoles ont modifié cette séance au même moment, encore et encore : regardez le programme et appuyez de nouveau.',
  'programme-problem': 'Le programme a 1 problème : {problems}',
  'programme-problems': 'Le programme a {count} problèmes : {problems}',
  'spreadsheet-problem': 'Le tableur a 1 problème : {problems}',
  'spreadsheet-problems': 'Le tableur a {count} problèmes : {problems}',
  'key-in-address':
    'La clé de la scène va dans l’en-tête X-Gavel-Stage-Key, jamais dans l’adresse : les adresses sont écrites dans les journaux.',
  'stage-key-wrong':
    'La clé de la scène n’est pas la bonne : utilisez celle du lien de la scène affiché par Gavel.',
  'token-wrong':
    'Le jeton n’est pas le bon : utilisez celui que Gavel a affiché au démarrage, ou celui que le modérateur vous a donné.',
  'token-needed':
    '{what} demande le jeton du modérateur : envoyez-le sous la forme "Authorization: Bearer <jeton>".',
  'stage-key-not-enough':
    '{what} demande le jeton du modérateur : la clé de la scène ne suffit pas.',
  'token-not-enough': '{what} demande un autre jeton : celui du rôle « {role} » ne l’ouvre pas.',
  'token-role-unknown':
    'role : doit être floor-officer ou secretariat (le jeton du modérateur se remplace avec gavel tokens --replace moderator, puis un redémarrage).',
  'token-from-environment':
    'Le jeton du rôle « {role} » est fixé dans {variable} : changez-le là, puis redémarrez Gavel.',
  'format-json-csv': 'format : doit être "json" ou "csv".',
  'archived-not-boolean': 'archived : doit être true ou false.',
  'table-unknown': 'table : doit être l’une de {tables}.',
  'after-not-version': 'after : doit être un numéro de version, 0 ou plus.',
  'advance-out-of-range': 'advanceMs : doit être un nombre entier de ms de 0 à 86400000.',
  'command-body-missing':
    'La requête n’a pas de corps : envoyez une commande en JSON, comme {"type":"speaker.next"}.',
  'route-unknown': 'Il n’y a pas de route d’API {method} {path} : docs/api.md les énumère.',
  'body-too-large': 'Le corps dépasse {kb} Ko, le maximum que cette route accepte.',
  'body-not-json': 'Le corps n’est pas du JSON : {reason}.',
  'body-not-utf8':
    'Le corps doit être du JSON en UTF-8, envoyé tel quel ou compressé avec gzip, deflate ou br.',
  'address-bad-escape':
    'L’adresse contient un % qui n’est pas suivi de deux chiffres hexadécimaux : vérifiez le lien.',
  'body-cut-short': 'Le corps n’est pas arrivé en entier : renvoyez la requête.',
  'body-unreadable':
    'Le corps n’a pas pu être lu : sa compression (Content-Encoding) est cassée ou il a été tronqué. Renvoyez-le, ou envoyez-le sans compression.',
  'server-failed':
    'Le serveur a échoué sur cette requête ; rien n’a été modifié. Son journal en dit plus.',
};

const BY_LANG: Readonly<Record<Exclude<Lang, 'en'>, Readonly<Record<RefusalKey, string>>>> = {
  fr: FR,
};

/** The refusal's sentence in `lang`. */
export function refusalText(error: GavelError, lang: Lang): string {
  if (lang === 'en' || error.key === undefined || !(error.key in REFUSALS)) return error.message;
  return fillSentence(BY_LANG[lang][error.key as RefusalKey], error.params);
}

/**
 * Who has the floor and who is next, worded for a display in its language. Pure: the view and the
 * language in, lines of text out. A turn given from the list of speakers is worded from its
 * delegation (in the page's language), not from the English name its item was made with.
 */
import { common, delegationLabel, translator, type Lang } from '../lib/i18n.ts';
import { speakerName, speakerRole } from '../lib/format.ts';
import { pick } from '../../shared/localText.ts';
import type { ItemView, NextUp, SessionView, TurnView } from '../../shared/views.ts';
import { nextUp } from '../../shared/views.ts';
import { displayMessages } from './messages.ts';

export interface SpeakerLines {
  readonly name: string;
  /** Function and organisation, or the delegation a named speaker speaks for. */
  readonly role: string | null;
  readonly topic: string | null;
}

export interface CurrentTurn {
  readonly turn: TurnView;
  readonly item: ItemView | null;
  readonly lines: SpeakerLines;
}

/** The item a turn was called for. */
export function itemOf(view: SessionView, itemId: string): ItemView | null {
  for (const segment of view.segments) {
    const item = segment.items.find((i) => i.id === itemId);
    if (item) return item;
  }
  return null;
}

function joinNonEmpty(parts: readonly (string | null | undefined)[], sep: string): string | null {
  const kept = parts.filter((p): p is string => typeof p === 'string' && p.trim() !== '');
  return kept.length === 0 ? null : kept.join(sep);
}

/** The lines for one turn; `view` lets a question name its panellist. */
export function turnLines(
  turn: TurnView,
  item: ItemView | null,
  lang: Lang,
  view: SessionView | null = null,
): SpeakerLines {
  const t = translator(displayMessages, lang);
  const c = translator(common, lang);
  const fromRequest = turn.requestId !== null;
  // A panellist's answer: the panellist as on the panel (name, function, organisation).
  if ((!fromRequest || turn.kind === 'answer') && item) {
    return {
      name: speakerName(item.speaker, lang),
      role: joinNonEmpty([speakerRole(item.speaker, lang)], ''),
      topic: fromRequest ? c(`kind.${turn.kind}`) : (pick(item.topic, lang) ?? null),
    };
  }
  const delegation = turn.delegation ? delegationLabel(turn.delegation, lang) : null;
  // A named speaker: the item carries the person's name and the delegation as organisation.
  const person = item?.speaker.organisation !== undefined ? item.speaker.name : null;
  const onBehalf = turn.onBehalfOf
    ? t('speaker.on-behalf', { group: delegationLabel(turn.onBehalfOf, lang) })
    : null;
  // A question names its panellist, worded in the display's language.
  const panellist = view && item?.addressedTo ? itemOf(view, item.addressedTo) : null;
  const topic =
    turn.kind === 'question' && panellist
      ? t('speaker.question-to', { name: speakerName(panellist.speaker, lang) })
      : c(`kind.${turn.kind}`);
  return {
    name: person ?? delegation ?? item?.speaker.name ?? '',
    role: joinNonEmpty([person ? delegation : null, onBehalf], ', '),
    topic,
  };
}

/** The turn that has the floor, worded; null when nobody has it. */
export function currentTurn(view: SessionView, lang: Lang): CurrentTurn | null {
  const turn = view.turns.find((t) => t.id === view.current.turnId);
  if (!turn) return null;
  const item = itemOf(view, turn.itemId);
  return { turn, item, lines: turnLines(turn, item, lang, view) };
}

/** Who or what comes next, worded as a name and a second line. */
export function nextLines(up: NextUp | null, lang: Lang): SpeakerLines | null {
  if (!up) return null;
  const t = translator(displayMessages, lang);
  const c = translator(common, lang);
  switch (up.kind) {
    case 'resume':
      // Worded as the turn is (a delegation in the page's language), with why it comes back.
      return {
        name: turnLines(up.turn, up.item, lang).name,
        role: t('next.interrupted'),
        topic: null,
      };
    case 'item':
      return {
        name: speakerName(up.item.speaker, lang),
        role: joinNonEmpty([speakerRole(up.item.speaker, lang)], ''),
        topic: pick(up.item.topic, lang) ?? null,
      };
    case 'request': {
      const { entry } = up;
      const delegation = delegationLabel(entry.delegation, lang);
      return {
        name: entry.speakerName
          ? t('next.request-speaker', { delegation, speaker: entry.speakerName })
          : delegation,
        role: joinNonEmpty(
          [
            entry.kind === 'statement' ? null : c(`kind.${entry.kind}`),
            entry.onBehalfOf
              ? t('speaker.on-behalf', { group: delegationLabel(entry.onBehalfOf, lang) })
              : null,
          ],
          ', ',
        ),
        topic: null,
      };
    }
    case 'segment':
      return { name: pick(up.segment.title, lang), role: null, topic: null };
    default:
      return up satisfies never;
  }
}

/** The "Next:" line of a view, or null when nothing follows. */
export function nextOf(view: SessionView, lang: Lang): SpeakerLines | null {
  return nextLines(nextUp(view), lang);
}

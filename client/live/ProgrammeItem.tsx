/**
 * One speaker in the programme: a sign and a word for its state (done, now, upcoming, skipped),
 * the name, and a time: how long they spoke once done, the planned minutes before.
 */
import type { ItemSchedule } from '../../shared/schedule.ts';
import { formatLength } from '../../shared/duration.ts';
import type { ItemView, TurnView } from '../../shared/views.ts';
import { minutes, speakerName } from '../lib/format.ts';
import { useLang, useT } from '../lib/i18n.ts';
import { turnLines } from '../displays/speaker.ts';
import { liveMessages } from './messages.ts';

const SIGN = { done: '✓', speaking: '▶', interrupted: '⏸', upcoming: '○', skipped: '–' } as const;

export function ProgrammeItem({
  item,
  turn,
  schedule,
  segmentDone,
}: {
  readonly item: ItemView;
  /** An item still upcoming in a segment that has ended was not heard. */
  readonly segmentDone: boolean;
  /** The item's latest turn, if it had one: it words a speaker from the list of speakers. */
  readonly turn: TurnView | null;
  readonly schedule: ItemSchedule | undefined;
}) {
  const lang = useLang((s) => s.lang);
  const t = useT(liveMessages);
  const name = turn ? turnLines(turn, item, lang).name : speakerName(item.speaker, lang);
  let shown: string;
  let spoken: string;
  switch (item.status) {
    case 'done': {
      const spokenMs = schedule?.spokenMs ?? 0;
      const total = Math.round(spokenMs / 1000);
      shown = formatLength(spokenMs);
      // Said in words: a screen reader would read "11:48" as a time of day.
      spoken = t('item.done', { time: t('length', { m: Math.floor(total / 60), s: total % 60 }) });
      break;
    }
    case 'speaking':
      shown = t('item.now');
      spoken = t('item.speaking');
      break;
    case 'interrupted':
      shown = t('item.interrupted-short');
      spoken = t('item.interrupted');
      break;
    case 'upcoming':
      if (segmentDone) {
        shown = t('item.not-heard-short');
        spoken = t('item.not-heard');
        break;
      }
      shown = minutes(item.allottedMs);
      spoken = t('item.upcoming', { minutes: Math.round((item.allottedMs / 60_000) * 10) / 10 });
      break;
    case 'skipped':
      shown = t('item.skipped-short');
      spoken = t('item.skipped');
      break;
    default:
      return item.status satisfies never;
  }
  const status = segmentDone && item.status === 'upcoming' ? 'skipped' : item.status;
  return (
    <li
      className={`live-item live-item-${status}`}
      data-testid={`live-item-${item.id}`}
      data-status={item.status}
      aria-current={item.status === 'speaking' ? 'true' : undefined}
    >
      <span className="live-item-sign" aria-hidden="true">
        {SIGN[status]}
      </span>
      <span className="live-item-name">{name}</span>
      <span className="live-item-time tabular" aria-hidden="true">
        {shown}
      </span>
      <span className="visually-hidden">{spoken}</span>
    </li>
  );
}

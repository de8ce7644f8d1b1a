/** One segment of the programme: its title and budget, its speakers, and its list of speakers. */
import { Suspense } from 'react';
import type { SegmentSchedule } from '../../shared/schedule.ts';
import type { FloorView, SegmentView, TurnView } from '../../shared/views.ts';
import { minutes } from '../lib/format.ts';
import { useLang, useT } from '../lib/i18n.ts';
import { pick } from '../../shared/localText.ts';
import { lazyPart } from './lazyPart.ts';
import { loadOpenFloor } from './loadOpenFloor.ts';
import { liveMessages } from './messages.ts';
import { ProgrammeItem } from './ProgrammeItem.tsx';

const SpeakersList = lazyPart(() => loadOpenFloor().then((m) => m.SpeakersList));

export function ProgrammeSegment({
  segment,
  schedule,
  turns,
  floor,
  showSpeakers,
}: {
  readonly segment: SegmentView;
  readonly schedule: SegmentSchedule | undefined;
  readonly turns: readonly TurnView[];
  readonly floor: FloorView;
  /** True for the floor segment that holds the current list of speakers. */
  readonly showSpeakers: boolean;
}) {
  const t = useT(liveMessages);
  const lang = useLang((s) => s.lang);
  const lastTurnOf = (itemId: string): TurnView | null => {
    for (let i = turns.length - 1; i >= 0; i--)
      if (turns[i]?.itemId === itemId) return turns[i] ?? null;
    return null;
  };
  return (
    <li
      className={`live-segment live-segment-${segment.status}`}
      data-testid={`live-segment-${segment.id}`}
    >
      <h3 className="live-segment-title">
        <span>{pick(segment.title, lang)}</span>
        <span className="live-segment-budget tabular" aria-hidden="true">
          {minutes(segment.budgetMs)}
        </span>
        <span className="visually-hidden">
          {t('segment.minutes', { minutes: Math.round(segment.budgetMs / 60_000) })}
        </span>
      </h3>
      {segment.items.length > 0 ? (
        <ul className="live-items">
          {segment.items.map((item) => (
            <ProgrammeItem
              key={item.id}
              item={item}
              turn={lastTurnOf(item.id)}
              segmentDone={segment.status === 'done'}
              schedule={schedule?.items.find((i) => i.itemId === item.id)}
            />
          ))}
        </ul>
      ) : null}
      {showSpeakers ? (
        <Suspense fallback={null}>
          <SpeakersList floor={floor} />
        </Suspense>
      ) : null}
    </li>
  );
}

/**
 * The programme with its progress, and the expected end. The schedule is worked out again each
 * minute (and whenever the view changes), which is as often as its figures move.
 */
import { computeSchedule } from '../../shared/schedule.ts';
import type { SessionView } from '../../shared/views.ts';
import { useT } from '../lib/i18n.ts';
import { useServerTick } from '../displays/useServerTick.ts';
import { ExpectedEnd } from './ExpectedEnd.tsx';
import { ProgrammeSegment } from './ProgrammeSegment.tsx';
import { liveMessages } from './messages.ts';

/** The floor segment under which the list of speakers belongs: the current one, else the next. */
function speakersSegmentId(view: SessionView): string | null {
  if (view.floor.status === 'not-open') return null;
  const current = view.segments.find((s) => s.id === view.current.segmentId);
  if (current?.kind === 'floor') return current.id;
  return view.segments.find((s) => s.kind === 'floor' && s.status !== 'done')?.id ?? null;
}

export function Programme({ view }: { readonly view: SessionView }) {
  const t = useT(liveMessages);
  const now = useServerTick((at) => Math.floor(at / 60_000));
  const schedule = computeSchedule(view, now);
  const speakersIn = speakersSegmentId(view);
  return (
    <section
      className="live-programme"
      aria-labelledby="live-programme-title"
      data-testid="live-programme"
    >
      <div className="live-programme-head">
        <h2 id="live-programme-title" className="live-section-title">
          {t('programme.title')}
        </h2>
        <ExpectedEnd view={view} schedule={schedule} />
      </div>
      <ol className="live-segments">
        {view.segments.map((segment) => (
          <ProgrammeSegment
            key={segment.id}
            segment={segment}
            schedule={schedule.segments.find((s) => s.segmentId === segment.id)}
            turns={view.turns}
            floor={view.floor}
            showSpeakers={segment.id === speakersIn}
          />
        ))}
      </ol>
    </section>
  );
}

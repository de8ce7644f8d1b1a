/** Planned against expected end of the segment and of the session, in the meeting's time zone. */
import type { SessionView } from '../../shared/views.ts';
import { clockTime } from '../lib/format.ts';
import { pick } from '../../shared/localText.ts';
import { useLang, useT } from '../lib/i18n.ts';
import { useServerNow } from '../lib/useServerNow.ts';
import { messages } from './messages.ts';
import { summarizeSchedule, type EndEstimate } from './scheduleSummary.ts';

export function ScheduleLine({ view }: { view: SessionView }) {
  const t = useT(messages);
  const lang = useLang((s) => s.lang);
  // Whole minutes are shown: a second's step keeps the expected end honest while a turn runs.
  const now = useServerNow(1000);
  const zone = view.meta.timeZone;
  const summary = summarizeSchedule(view, now);

  if (view.status === 'ended') {
    return (
      <p className="schedule" data-testid="schedule">
        {t('schedule.ended', { time: clockTime(view.endedAt ?? now, zone) })}
      </p>
    );
  }
  return (
    <div className="schedule" data-testid="schedule">
      {summary.segment && (
        <Estimate
          label={`${t('schedule.segment')} · ${pick(summary.segment.title, lang)}`}
          estimate={summary.segment}
          zone={zone}
          testId="schedule-segment"
        />
      )}
      <Estimate
        label={t('schedule.session')}
        estimate={summary.session}
        zone={zone}
        testId="schedule-session"
      />
      <span className="schedule-zone">
        {summary.session.baseline === 'none'
          ? t('schedule.no-plan')
          : t('schedule.zone', { zone: zone.replace(/_/g, ' ') })}
      </span>
    </div>
  );
}

function Estimate({
  label,
  estimate,
  zone,
  testId,
}: {
  label: string;
  estimate: EndEstimate;
  zone: string;
  testId: string;
}) {
  const t = useT(messages);
  const minutes = estimate.deltaMs === null ? null : Math.round(estimate.deltaMs / 60_000);
  const drift =
    minutes === null
      ? null
      : minutes > 0
        ? t('schedule.behind', { minutes })
        : minutes < 0
          ? t('schedule.ahead', { minutes: -minutes })
          : t('schedule.on-time');
  const tone = minutes === null ? '' : minutes > 0 ? 'behind' : minutes < 0 ? 'ahead' : 'on-time';
  return (
    <span className="estimate" data-testid={testId} data-delta-minutes={minutes ?? undefined}>
      <span className="estimate-label" title={label}>
        {label}
      </span>
      {estimate.plannedEndAt !== null && (
        <span className="time">
          {t('schedule.planned', { time: clockTime(estimate.plannedEndAt, zone) })}
        </span>
      )}
      <span className="time">
        {t('schedule.expected', { time: clockTime(estimate.expectedEndAt, zone) })}
      </span>
      {drift && (
        <span
          className={`drift drift-${tone}`}
          title={estimate.baseline === 'actual' ? t('schedule.from-actual') : undefined}
        >
          {drift}
        </span>
      )}
    </span>
  );
}

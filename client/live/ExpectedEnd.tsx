/** "ends ~13:07 (+7)": when the meeting should end at this pace, and how far off the plan. */
import type { Schedule } from '../../shared/schedule.ts';
import type { SessionView } from '../../shared/views.ts';
import { clockTime, signedMinutes } from '../lib/format.ts';
import { useT } from '../lib/i18n.ts';
import { liveMessages } from './messages.ts';

export function ExpectedEnd({
  view,
  schedule,
}: {
  readonly view: SessionView;
  readonly schedule: Schedule;
}) {
  const t = useT(liveMessages);
  const time = clockTime(schedule.expectedEndAt, view.meta.timeZone);
  if (view.status === 'ended') {
    return (
      <p className="live-expected-end" data-testid="live-expected-end">
        {t('programme.ended', { time })}
      </p>
    );
  }
  const behind = schedule.behindMs;
  const rounded = behind === null ? null : Math.round(behind / 60_000);
  const spoken =
    rounded === null
      ? null
      : rounded > 0
        ? t('programme.behind', { minutes: rounded })
        : rounded < 0
          ? t('programme.ahead', { minutes: -rounded })
          : t('programme.on-time');
  return (
    <p className="live-expected-end" data-testid="live-expected-end">
      <span aria-hidden="true">
        {t('programme.ends', { time })}
        {behind !== null ? <span className="tabular"> ({signedMinutes(behind)})</span> : null}
      </span>
      <span className="visually-hidden">
        {[t('programme.ends-label', { time }), spoken].filter(Boolean).join(', ')}
      </span>
    </p>
  );
}

/** The current turn's time: the big figure, its phase colour and words, the progress bar. */
import { formatLength } from '../../shared/duration.ts';
import { phaseFor, progressAt, remainingAt, spokenAt } from '../../shared/timer.ts';
import type { TimerView, TurnView } from '../../shared/views.ts';
import { countdown } from '../lib/format.ts';
import { common, useT } from '../lib/i18n.ts';
import { useServerNow } from '../lib/useServerNow.ts';
import { messages } from './messages.ts';

/** `restarts`: the turn's restarts of the clock, whose speech the "spoken" figure keeps. */
export function Countdown({
  timer,
  restarts,
}: {
  timer: TimerView;
  restarts: TurnView['restarts'] | undefined;
}) {
  const t = useT(messages);
  const tc = useT(common);
  const now = useServerNow(200);
  const remaining = remainingAt(timer, now);
  const phase = phaseFor(remaining, timer.warningMs, timer.dangerMs);
  const running = timer.startedAt !== null;
  const adjusted = timer.grantedMs !== timer.plannedMs;
  return (
    <div
      className={`countdown phase-${phase}${running ? ' running' : ' paused'}`}
      data-testid="countdown"
      data-phase={phase}
      data-running={running}
      data-granted-ms={timer.grantedMs}
    >
      <div className="countdown-figure time" data-testid="countdown-figure" aria-live="off">
        {countdown(remaining)}
      </div>
      <div className="countdown-bar" aria-hidden="true">
        <span style={{ inlineSize: `${progressAt(timer, now) * 100}%` }} />
      </div>
      <div className="countdown-meta">
        <strong data-testid="countdown-phase">{tc(`phase.${phase}`)}</strong>
        <span data-testid="countdown-state">{running ? t('turn.running') : tc('paused')}</span>
        <span className="time" data-testid="countdown-spoken">
          {t('turn.spoken', { length: formatLength(spokenAt({ ...timer, restarts }, now)) })}
        </span>
        <span className={`time${adjusted ? ' adjusted' : ''}`} data-testid="countdown-granted">
          {t('turn.granted', {
            granted: formatLength(timer.grantedMs),
            planned: formatLength(timer.plannedMs),
          })}
        </span>
      </div>
    </div>
  );
}

/**
 * The same synced countdown as the stage, smaller: "4:12 left", the phase in words, a thin
 * progress bar. It re-renders by itself when its figure changes, so the rest of the page does
 * not; it is not a live region (a screen reader would otherwise read it every second).
 */
import type { TimerView } from '../../shared/views.ts';
import { phaseAt, remainingAt } from '../../shared/timer.ts';
import { countdown } from '../lib/format.ts';
import { common, useT } from '../lib/i18n.ts';
import { ProgressBar } from '../displays/ProgressBar.tsx';
import { displayMessages } from '../displays/messages.ts';
import { useServerTick } from '../displays/useServerTick.ts';

export function LiveCountdown({ timer }: { readonly timer: TimerView }) {
  const c = useT(common);
  const d = useT(displayMessages);
  const now = useServerTick((at) => `${countdown(remainingAt(timer, at))}|${phaseAt(timer, at)}`);
  const remaining = remainingAt(timer, now);
  const phase = phaseAt(timer, now);
  const figure = countdown(remaining);
  const paused = timer.startedAt === null;
  return (
    <div
      className={`live-countdown live-phase-${phase}`}
      data-phase={phase}
      data-testid="live-timer"
    >
      <p className="live-countdown-row">
        <span className="live-countdown-text" role="timer" data-testid="live-countdown">
          <span className="live-countdown-figure tabular">
            {remaining < 0 ? figure.slice(1) : figure}
          </span>{' '}
          <span className="live-countdown-words">
            {d(remaining < 0 ? 'time.over' : 'time.left')}
          </span>
        </span>
        <span className="live-phase-pill" data-testid="live-phase">
          {paused ? `${c('paused')} · ` : ''}
          {c(`phase.${phase}`)}
        </span>
      </p>
      <ProgressBar timer={timer} now={now} className="live-progress" />
    </div>
  );
}

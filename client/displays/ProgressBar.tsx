/**
 * How much of the granted time is spoken, over a track that shows where amber and red begin, so
 * a speaker sees how far the next colour is. The zones are drawn as lengths of the track, not only
 * as colours: each has its own pattern of opacity and a tick at its start.
 */
import type { TimerFields } from '../../shared/timer.ts';
import { progressAt } from '../../shared/timer.ts';
import { useT } from '../lib/i18n.ts';
import { displayMessages } from './messages.ts';
import './progress.css';

export interface ProgressBarProps {
  readonly timer: TimerFields;
  readonly now: number;
  readonly className?: string;
  readonly testId?: string;
}

export function ProgressBar({ timer, now, className, testId }: ProgressBarProps) {
  const d = useT(displayMessages);
  const granted = Math.max(1, timer.grantedMs);
  const warningAt = Math.min(1, Math.max(0, 1 - timer.warningMs / granted));
  const dangerAt = Math.min(1, Math.max(0, 1 - timer.dangerMs / granted));
  const done = progressAt(timer, now);
  const pct = (x: number) => `${(x * 100).toFixed(3)}%`;
  return (
    <div
      className={`progress ${className ?? ''}`}
      data-testid={testId}
      role="progressbar"
      aria-label={d('time.spoken')}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.round(done * 100)}
    >
      <div
        className="progress-zone progress-zone-normal"
        style={{ insetInlineStart: 0, width: pct(warningAt) }}
      />
      <div
        className="progress-zone progress-zone-warning"
        style={{ insetInlineStart: pct(warningAt), width: pct(dangerAt - warningAt) }}
      />
      <div
        className="progress-zone progress-zone-danger"
        style={{ insetInlineStart: pct(dangerAt), width: pct(1 - dangerAt) }}
      />
      <div className="progress-fill" style={{ width: pct(done) }} />
      <div className="progress-tick" style={{ insetInlineStart: pct(warningAt) }} />
      <div className="progress-tick" style={{ insetInlineStart: pct(dangerAt) }} />
    </div>
  );
}

/** Time left on the lower third (`?time`): the figure and a strip in the phase's colour. */
import type { TimerView } from '../../shared/views.ts';
import { phaseAt, remainingAt } from '../../shared/timer.ts';
import { countdown } from '../lib/format.ts';
import { useServerTick } from '../displays/useServerTick.ts';

export function OverlayTime({ timer }: { readonly timer: TimerView }) {
  const now = useServerTick((at) => `${countdown(remainingAt(timer, at))}|${phaseAt(timer, at)}`);
  const phase = phaseAt(timer, now);
  return (
    <span
      className={`overlay-time overlay-time-${phase} tabular`}
      data-testid="overlay-time"
      data-phase={phase}
    >
      {countdown(remainingAt(timer, now))}
    </span>
  );
}

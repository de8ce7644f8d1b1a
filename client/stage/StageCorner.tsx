/**
 * The top corner of the stage: the time of day when asked for, the offline notice, and the full
 * screen button (hidden while the pointer rests, so the room never sees it).
 */
import { OfflineBadge } from '../displays/OfflineBadge.tsx';
import { FullscreenButton } from './FullscreenButton.tsx';
import { timeOfDay } from './timeOfDay.ts';

export function StageCorner({
  clock,
  now,
  timeZone,
}: {
  readonly clock: boolean;
  readonly now: number;
  readonly timeZone: string;
}) {
  return (
    <div className="stage-corner">
      {clock ? (
        <time className="stage-clock tabular" data-testid="stage-clock">
          {timeOfDay(now, timeZone)}
        </time>
      ) : null}
      <OfflineBadge className="stage-offline" />
      <FullscreenButton />
    </div>
  );
}

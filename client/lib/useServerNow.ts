/**
 * The server's time, for countdowns: re-rendered on animation frames, only when the value moved
 * by `stepMs` (so a clock showing seconds renders about 4 times a second, not 60), and not at all
 * while the page is hidden (browsers pause animation frames then).
 */
import { useEffect, useState } from 'react';
import { useGavel } from './store.ts';

export function useServerNow(stepMs = 250): number {
  const offsetMs = useGavel((s) => s.offsetMs);
  const [now, setNow] = useState(() => Date.now() + offsetMs);
  useEffect(() => {
    let frame = 0;
    // -1: the first frame always renders, so a new offset shows at once.
    let shown = -1;
    const tick = () => {
      const t = Date.now() + offsetMs;
      const step = Math.floor(t / stepMs);
      if (step !== shown) {
        shown = step;
        setNow(t);
      }
      frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  }, [offsetMs, stepMs]);
  return now;
}

/**
 * The server's time, re-rendered only when what a display shows from it changes. `keyOf` turns a
 * server time into what the display draws from it (the countdown figure and the phase, say); the
 * component re-renders on the animation frame where that key changes, so a countdown changes its
 * figure exactly on the second, renders once a second, and not at all while the page is hidden
 * (browsers pause animation frames then). Offline, the last clock offset keeps it counting.
 */
import { useEffect, useEffectEvent, useState } from 'react';
import { useGavel } from '../lib/store.ts';

/** A key that never equals a computed one, so the first frame always renders. */
const UNSET = Symbol('unset');

export function useServerTick(keyOf: (serverNow: number) => string | number | boolean): number {
  const offsetMs = useGavel((s) => s.offsetMs);
  const [now, setNow] = useState(() => Date.now() + offsetMs);
  const keyFor = useEffectEvent(keyOf);
  useEffect(() => {
    let frame = 0;
    let shown: unknown = UNSET;
    const tick = () => {
      const t = Date.now() + offsetMs;
      const key = keyFor(t);
      if (!Object.is(key, shown)) {
        shown = key;
        setNow(t);
      }
      frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  }, [offsetMs]);
  return now;
}

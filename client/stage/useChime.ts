/**
 * The chime of `?chime`: an AudioContext made when the stage opens, and the chime played once when
 * the countdown of a turn reaches zero. Browsers keep audio suspended until the page is clicked
 * (or a key pressed); `blocked` is true until then, so the stage can ask for that click.
 */
import { useEffect, useRef, useState } from 'react';
import { playChime, reachedZero, type CountdownReading } from './chime.ts';

export interface Chime {
  /** True while the browser holds the sound back until a click on the page. */
  readonly blocked: boolean;
  /** Asks the browser to allow the sound; call it from a click or a key press. */
  readonly unlock: () => void;
}

/**
 * `reading` is the current turn's countdown, or null when nobody is speaking; `lateMs` is how
 * long after zero a chime may still sound (a page that was hidden at zero stays silent).
 */
export function useChime(
  enabled: boolean,
  reading: CountdownReading | null,
  lateMs: number,
): Chime {
  const context = useRef<AudioContext | null>(null);
  const last = useRef<CountdownReading | null>(null);
  const [blocked, setBlocked] = useState(false);

  useEffect(() => {
    if (!enabled || typeof AudioContext === 'undefined') return;
    const audio = new AudioContext();
    context.current = audio;
    const update = () => setBlocked(audio.state === 'suspended');
    const unlock = () => {
      if (audio.state === 'suspended') audio.resume().catch(() => undefined);
    };
    update();
    audio.addEventListener('statechange', update);
    window.addEventListener('pointerdown', unlock);
    window.addEventListener('keydown', unlock);
    return () => {
      audio.removeEventListener('statechange', update);
      window.removeEventListener('pointerdown', unlock);
      window.removeEventListener('keydown', unlock);
      context.current = null;
      setBlocked(false);
      void audio.close().catch(() => undefined);
    };
  }, [enabled]);

  const turnId = reading?.turnId ?? null;
  const remainingMs = reading?.remainingMs ?? null;
  useEffect(() => {
    const now = turnId === null || remainingMs === null ? null : { turnId, remainingMs };
    const audio = context.current;
    if (audio?.state === 'running' && reachedZero(last.current, now, lateMs)) playChime(audio);
    last.current = now;
  }, [turnId, remainingMs, lateMs]);

  return {
    blocked,
    unlock: () => {
      const audio = context.current;
      if (audio?.state === 'suspended') audio.resume().catch(() => undefined);
    },
  };
}

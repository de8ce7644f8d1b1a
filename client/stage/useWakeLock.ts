/**
 * Keeps the stage's screen awake: the Screen Wake Lock where the browser grants it (asked again
 * whenever the page becomes visible, since the browser drops it when hidden), else a silent video
 * (keepAwake.ts). Tells the caller which, so the stage can say so once.
 */
import { useEffect, useState } from 'react';
import { startVideoKeepAwake } from './keepAwake.ts';

export type WakeState = 'pending' | 'held' | 'fallback';

export function useWakeLock(): WakeState {
  const [state, setState] = useState<WakeState>('pending');
  useEffect(() => {
    let sentinel: WakeLockSentinel | null = null;
    let stopFallback: (() => void) | null = null;
    let stopped = false;

    const fallBack = () => {
      if (stopFallback || stopped) return;
      stopFallback = startVideoKeepAwake();
      setState('fallback');
    };
    const request = async () => {
      await Promise.resolve();
      if (stopped || stopFallback) return;
      if (!window.isSecureContext || !('wakeLock' in navigator)) {
        fallBack();
        return;
      }
      try {
        const lock = await navigator.wakeLock.request('screen');
        if (stopped) {
          void lock.release();
          return;
        }
        sentinel = lock;
        setState('held');
      } catch {
        // Refused (a permission policy, a power saver): the video does the work instead.
        fallBack();
      }
    };
    const onVisible = () => {
      if (document.visibilityState === 'visible' && (sentinel === null || sentinel.released)) {
        void request();
      }
    };
    void request();
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      stopped = true;
      document.removeEventListener('visibilitychange', onVisible);
      void sentinel?.release();
      stopFallback?.();
    };
  }, []);
  return state;
}

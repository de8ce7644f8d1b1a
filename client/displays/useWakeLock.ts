/**
 * Keeps the screen awake while `active`: the Screen Wake Lock where the browser grants it (asked
 * again whenever the page becomes visible, since the browser drops it when hidden), else a silent
 * video (keepAwake.ts, loaded only then). Says which, so the page can tell the reader when neither
 * works: the stage always holds its screen, the live page while the meeting is live.
 */
import { useEffect, useState } from 'react';

/**
 * `off`: not asked; `pending`: asking; `held`: the wake lock holds the screen; `video`: the silent
 * video plays instead; `none`: neither (no wake lock, and the browser will not play the video
 * until the reader taps or presses a key, or not at all).
 */
export type WakeState = 'off' | 'pending' | 'held' | 'video' | 'none';

export function useWakeLock(active = true): WakeState {
  const [state, setState] = useState<WakeState>('pending');
  useEffect(() => {
    if (!active) return;
    let sentinel: WakeLockSentinel | null = null;
    let stopFallback: (() => void) | null = null;
    let fellBack = false;
    let stopped = false;

    const show = (next: WakeState) => {
      if (!stopped) setState(next);
    };
    const fallBack = () => {
      if (fellBack || stopped) return;
      fellBack = true;
      import('./keepAwake.ts').then(
        ({ startVideoKeepAwake }) => {
          if (stopped) return;
          stopFallback = startVideoKeepAwake((playing) => show(playing ? 'video' : 'none'));
        },
        // Its code could not load (the network dropped): nothing holds the screen.
        () => show('none'),
      );
    };
    const request = async () => {
      if (stopped || fellBack) return;
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
        // A power saver may take it back while the page is in sight: ask again.
        lock.addEventListener('release', () => {
          if (document.visibilityState === 'visible') void request();
        });
        show('held');
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
    // Asked after this render, so a page that turns it off at once asks nothing.
    void Promise.resolve().then(() => {
      show('pending');
      return request();
    });
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      stopped = true;
      document.removeEventListener('visibilitychange', onVisible);
      void sentinel?.release();
      stopFallback?.();
    };
  }, [active]);
  return active ? state : 'off';
}

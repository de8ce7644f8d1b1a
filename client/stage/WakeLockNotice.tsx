/**
 * Says once, for a while, that the browser refused the Screen Wake Lock and that a silent video
 * keeps the screen awake instead; then gets out of the speaker's way.
 */
import { useEffect, useState } from 'react';
import { useT } from '../lib/i18n.ts';
import { stageMessages } from './messages.ts';
import type { WakeState } from './useWakeLock.ts';

const SHOWN_FOR_MS = 20_000;

export function WakeLockNotice({ wake }: { readonly wake: WakeState }) {
  const t = useT(stageMessages);
  const [expired, setExpired] = useState(false);
  useEffect(() => {
    if (wake !== 'fallback') return;
    const timer = setTimeout(() => setExpired(true), SHOWN_FOR_MS);
    return () => clearTimeout(timer);
  }, [wake]);
  if (wake !== 'fallback' || expired) return null;
  return (
    <div className="stage-notice" role="status" data-testid="stage-wake-notice">
      <p>{t('wake.fallback')}</p>
      <button type="button" onClick={() => setExpired(true)}>
        {t('wake.dismiss')}
      </button>
    </div>
  );
}

/**
 * Says when the stage cannot count on its screen staying awake. Where the silent video stands in
 * for the Screen Wake Lock, once, for a while, then gets out of the speaker's way; where neither
 * works, until someone closes it or a click lets the video play.
 */
import { useEffect, useState } from 'react';
import { useT } from '../lib/i18n.ts';
import type { WakeState } from '../displays/useWakeLock.ts';
import { stageMessages } from './messages.ts';

const SHOWN_FOR_MS = 20_000;

export function WakeLockNotice({ wake }: { readonly wake: WakeState }) {
  const t = useT(stageMessages);
  // The state whose notice was closed: a new state gets its own notice.
  const [closed, setClosed] = useState<WakeState | null>(null);
  useEffect(() => {
    if (wake !== 'video') return;
    const timer = setTimeout(() => setClosed('video'), SHOWN_FOR_MS);
    return () => clearTimeout(timer);
  }, [wake]);
  if ((wake !== 'video' && wake !== 'none') || closed === wake) return null;
  return (
    <div className="stage-notice" role="status" data-testid="stage-wake-notice">
      <p>{t(wake === 'video' ? 'wake.fallback' : 'wake.none')}</p>
      <button type="button" onClick={() => setClosed(wake)}>
        {t('wake.dismiss')}
      </button>
    </div>
  );
}

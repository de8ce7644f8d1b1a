/** Puts the stage in full screen; hidden once it is, and while the pointer rests. */
import { useEffect, useState } from 'react';
import { useT } from '../lib/i18n.ts';
import { stageMessages } from './messages.ts';

export function FullscreenButton() {
  const t = useT(stageMessages);
  const [full, setFull] = useState(() => document.fullscreenElement !== null);
  useEffect(() => {
    const onChange = () => setFull(document.fullscreenElement !== null);
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, []);
  if (full || !document.fullscreenEnabled) return null;
  return (
    <button
      type="button"
      className="stage-fullscreen"
      data-testid="stage-fullscreen"
      onClick={() => void document.documentElement.requestFullscreen().catch(() => undefined)}
    >
      <svg viewBox="0 0 24 24" aria-hidden="true" width="1em" height="1em">
        <path
          d="M3 9V3h6M21 9V3h-6M3 15v6h6M21 15v6h-6"
          fill="none"
          stroke="currentColor"
          strokeWidth="2.5"
        />
      </svg>
      {t('fullscreen')}
    </button>
  );
}

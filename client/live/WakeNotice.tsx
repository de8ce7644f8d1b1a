/**
 * Tells a delegate that the phone's screen may sleep during the meeting: the browser grants no
 * wake lock and will not play the silent video until a tap (a phone saving power does this). The
 * tap anywhere is what lets the video play, and this goes away once it does. Loaded only then.
 */
import { useT } from '../lib/i18n.ts';
import { liveMessages } from './messages.ts';

export function WakeNotice() {
  const t = useT(liveMessages);
  return (
    <p className="offline-badge live-wake" role="status" data-testid="live-wake-notice">
      {t('wake.none')}
    </p>
  );
}

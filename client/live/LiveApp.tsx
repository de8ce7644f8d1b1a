/** The live page of one session, for a phone: status, who speaks, who is next, the programme. */
import { Suspense } from 'react';
import { pick } from '../../shared/localText.ts';
import { common, useLang, useT } from '../lib/i18n.ts';
import { useGavel } from '../lib/store.ts';
import { useRefusalText } from '../lib/useRefusalText.ts';
import { OfflineBadge } from '../displays/OfflineBadge.tsx';
import { displayMessages } from '../displays/messages.ts';
import { useWakeLock } from '../displays/useWakeLock.ts';
import { lazyPart } from './lazyPart.ts';
import { loadOpenFloor } from './loadOpenFloor.ts';
import { LiveHeader } from './LiveHeader.tsx';
import { NowSpeaking } from './NowSpeaking.tsx';
import { Programme } from './Programme.tsx';
import { SpeakerAnnouncer } from './SpeakerAnnouncer.tsx';
import { WakeNotice } from './WakeNotice.tsx';

const FloorPanel = lazyPart(() => loadOpenFloor().then((m) => m.FloorPanel));

export function LiveApp() {
  const view = useGavel((s) => s.view);
  const connection = useGavel((s) => s.connection);
  const handshakeError = useGavel((s) => s.handshakeError);
  const refusal = useRefusalText(handshakeError);
  const hasRequests = useGavel((s) => s.mine.length > 0);
  const live = useGavel((s) => s.view?.status === 'live');
  // A delegate following the meeting should not see the phone go dark while someone speaks.
  const wake = useWakeLock(live);
  const c = useT(common);
  const lang = useLang((s) => s.lang);
  const d = useT(displayMessages);
  if (connection === 'refused') {
    return (
      <main className="live live-problem" role="alert" data-testid="live-refused">
        <h1>{d('refused.title')}</h1>
        <p>{handshakeError?.code === 'not-found' ? c('unknown-session') : refusal}</p>
      </main>
    );
  }
  if (!view) {
    return (
      <main className="live live-problem">
        <p>{c('connecting')}</p>
        <OfflineBadge className="live-offline" />
      </main>
    );
  }
  const listOpen = view.floor.status !== 'not-open' && view.status !== 'ended';
  return (
    <div className="live" data-testid="live" data-wake={wake}>
      {/* React 19 hoists this into the head: the tab and the home-screen name say which meeting. */}
      <title>{`${pick(view.meta.title, lang)} — Gavel`}</title>
      <OfflineBadge className="live-offline" />
      <LiveHeader view={view} />
      {wake === 'none' ? (
        <Suspense fallback={null}>
          <WakeNotice />
        </Suspense>
      ) : null}
      <main className="live-main">
        <NowSpeaking view={view} />
        {listOpen || hasRequests ? (
          // Nothing in its place while its code loads: it was not there a moment before either.
          <Suspense fallback={null}>
            <FloorPanel view={view} listOpen={listOpen} />
          </Suspense>
        ) : null}
        <Programme view={view} />
      </main>
      <SpeakerAnnouncer view={view} />
    </div>
  );
}

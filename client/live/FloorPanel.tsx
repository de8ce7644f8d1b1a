/**
 * The delegate's side of the open floor: this device's requests and where they stand, and the
 * "Ask for the floor" button while the list is open (only a right of reply once it is closed).
 * LiveApp shows it only while the list is open or this device has requests.
 */
import { Suspense, useState } from 'react';
import { shownRequestStatus, type SessionView } from '../../shared/views.ts';
import { common, useLang, useT } from '../lib/i18n.ts';
import { useGavel } from '../lib/store.ts';
import { speakerName } from '../lib/format.ts';
import { MyRequest } from './MyRequest.tsx';
import { lazyPart } from './lazyPart.ts';
import { becomeDelegate } from './liveConnection.ts';
import { floorMessages } from './floorMessages.ts';

const AskFloorForm = lazyPart(() => import('./AskFloorForm.tsx').then((m) => m.AskFloorForm));

export function FloorPanel({
  view,
  listOpen,
}: {
  readonly view: SessionView;
  /** True while requests are taken: the list is open, or closed to all but rights of reply. */
  readonly listOpen: boolean;
}) {
  const t = useT(floorMessages);
  const c = useT(common);
  const lang = useLang((s) => s.lang);
  const mine = useGavel((s) => s.mine);
  const [asking, setAsking] = useState(false);
  const positionOf = (id: string) => {
    const i = view.floor.queue.findIndex((e) => e.id === id);
    return i === -1 ? null : i + 1;
  };
  const panellistOf = (itemId: string | null) => {
    // Looked up here rather than with displays/speaker.ts's itemOf: importing that module from
    // this lazy chunk makes the bundler split shared code out of the live page's one script,
    // about 1 kB more on every phone's first load.
    const item =
      itemId === null ? null : view.segments.flatMap((s) => s.items).find((i) => i.id === itemId);
    return item ? speakerName(item.speaker, lang) : null;
  };
  return (
    <section className="live-floor" aria-labelledby="live-floor-title" data-testid="live-floor">
      <h2 id="live-floor-title" className="live-section-title">
        {t('floor.title')}
      </h2>
      <p className="live-floor-status">{c(`floor.${view.floor.status}`)}</p>
      {mine.length > 0 ? (
        <ul className="my-requests" aria-live="polite" data-testid="my-requests">
          {[...mine].reverse().map((r) => (
            <MyRequest
              key={r.id}
              request={r}
              status={shownRequestStatus(r, view)}
              position={positionOf(r.id)}
              panellist={panellistOf(r.addressedTo)}
            />
          ))}
        </ul>
      ) : null}
      {listOpen && !asking ? (
        <button
          type="button"
          className="button-primary live-ask"
          data-testid="live-ask"
          onClick={() => {
            becomeDelegate(view.id);
            setAsking(true);
          }}
        >
          {view.floor.status === 'closed' ? t('floor.ask-reply') : t('floor.ask')}
        </button>
      ) : null}
      {asking && listOpen ? (
        <Suspense fallback={<p>{c('connecting')}</p>}>
          <AskFloorForm view={view} onClose={() => setAsking(false)} />
        </Suspense>
      ) : null}
    </section>
  );
}

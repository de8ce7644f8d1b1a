/**
 * Which session the live page shows: the one in its address (`/live/:session`), else, on `/`,
 * the only one on the server, or a list to choose from.
 */
import { startTransition, Suspense, useEffect, useState } from 'react';
import type { SessionSummary } from '../displays/sessions.ts';
import { addPart } from '../lib/i18n.ts';
import { lazyPart } from './lazyPart.ts';
import { LiveApp } from './LiveApp.tsx';
import { connectLive } from './liveConnection.ts';

// Loaded only on `/` with several meetings, with its words: a phone that scanned a session's code
// never needs it.
const SessionPicker = lazyPart(() =>
  Promise.all([
    import('./SessionPicker.tsx'),
    import('../i18n/laterCatalogues.ts').then(({ PICKER }) => addPart('picker', PICKER)),
  ]).then(([m]) => m.SessionPicker),
);

type Choice =
  | { readonly kind: 'looking' }
  | { readonly kind: 'session'; readonly id: string }
  | {
      readonly kind: 'pick';
      readonly sessions: readonly SessionSummary[];
      readonly error: string | null;
    };

export function LiveRoot({ session }: { readonly session: string | null }) {
  const [choice, setChoice] = useState<Choice>(
    session ? { kind: 'session', id: session } : { kind: 'looking' },
  );
  useEffect(() => {
    if (session) return;
    let live = true;
    // The list comes as a transition, so "Connecting…" stays up while its code loads.
    const pick = (sessions: readonly SessionSummary[], error: string | null) =>
      startTransition(() => setChoice({ kind: 'pick', sessions, error }));
    // The code that fetches the list loads only here too.
    import('../displays/sessions.ts')
      .then((m) => m.fetchSessions())
      .then(({ sessions }) => {
        if (!live) return;
        const only = sessions.length === 1 ? sessions[0] : undefined;
        if (only) setChoice({ kind: 'session', id: only.id });
        else pick(sessions, null);
      })
      .catch((err: unknown) => {
        if (live) pick([], String(err));
      });
    return () => {
      live = false;
    };
  }, [session]);
  const id = choice.kind === 'session' ? choice.id : null;
  useEffect(() => {
    if (id !== null) connectLive(id);
  }, [id]);
  return (
    <Suspense fallback={null}>
      {choice.kind === 'pick' ? (
        <SessionPicker sessions={choice.sessions} error={choice.error} />
      ) : (
        <LiveApp />
      )}
    </Suspense>
  );
}

/**
 * Which session the live page shows: the one in its address (`/live/:session`), else, on `/`,
 * the only one on the server, or a list to choose from.
 */
import { useEffect, useState } from 'react';
import { fetchSessions, type SessionSummary } from '../displays/sessions.ts';
import { LiveApp } from './LiveApp.tsx';
import { connectLive } from './liveConnection.ts';
import { SessionPicker } from './SessionPicker.tsx';

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
    fetchSessions()
      .then(({ sessions }) => {
        if (!live) return;
        const only = sessions.length === 1 ? sessions[0] : undefined;
        setChoice(
          only ? { kind: 'session', id: only.id } : { kind: 'pick', sessions, error: null },
        );
      })
      .catch((err: unknown) => {
        if (live) setChoice({ kind: 'pick', sessions: [], error: String(err) });
      });
    return () => {
      live = false;
    };
  }, [session]);
  const id = choice.kind === 'session' ? choice.id : null;
  useEffect(() => {
    if (id !== null) connectLive(id);
  }, [id]);
  if (choice.kind === 'pick')
    return <SessionPicker sessions={choice.sessions} error={choice.error} />;
  return <LiveApp />;
}

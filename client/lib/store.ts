/**
 * The one store of a page: the latest view of its session, the server-clock offset, the state of
 * the connection. Socket listeners write it with setState; components read it with hooks and send
 * commands through plain functions (connection.ts). No actions live here.
 */
import { create } from 'zustand';
import type { GavelError } from '../../shared/errors.ts';
import type { Presence } from '../../shared/protocol.ts';
import type { RequestView, SessionView } from '../../shared/views.ts';

export type ConnectionState = 'connecting' | 'online' | 'offline' | 'refused';

export interface Refusal {
  readonly command: string;
  readonly error: GavelError;
  readonly at: number;
}

export interface GavelStore {
  readonly view: SessionView | null;
  /** Add to Date.now() to get the server's time. */
  readonly offsetMs: number;
  readonly roundTripMs: number | null;
  readonly connection: ConnectionState;
  /** Why the server refused the connection (a wrong token, an unknown session). */
  readonly handshakeError: GavelError | null;
  readonly presence: Presence | null;
  /** A delegate's own requests. */
  readonly mine: readonly RequestView[];
  /** Commands sent and not yet answered (they wait while offline). */
  readonly pending: number;
  /** The latest refused command, for the page to show its sentence. */
  readonly refusal: Refusal | null;
}

export const useGavel = create<GavelStore>()(() => ({
  view: null,
  offsetMs: 0,
  roundTripMs: null,
  connection: 'connecting',
  handshakeError: null,
  presence: null,
  mine: [],
  pending: 0,
  refusal: null,
}));

/** The server's time now, by the current estimate. */
export function serverNow(): number {
  return Date.now() + useGavel.getState().offsetMs;
}

/**
 * How the live page connects: as a viewer, or, once this browser has asked for the floor, as a
 * delegate (its device key makes the server send it its own requests). Most phones only watch, so
 * they stay viewers; the choice is remembered so a delegate's page keeps following its requests
 * after a reload.
 */
import { connect } from '../lib/connection.ts';
import { deviceKey } from '../lib/route.ts';

const DELEGATE_FLAG = 'gavel.live.delegate';

function wasDelegate(): boolean {
  try {
    return localStorage.getItem(DELEGATE_FLAG) === '1';
  } catch {
    return false;
  }
}

let connectedAs: { session: string; delegate: boolean } | null = null;

/** Connects to a session as this browser last did. */
export function connectLive(session: string): void {
  const delegate = wasDelegate();
  connectedAs = { session, delegate };
  connect(delegate ? { session, deviceKey: deviceKey() } : { session });
}

/**
 * Makes this page a delegate's: reconnects with the device key (commands sent meanwhile wait in
 * Socket.IO's buffer and leave once connected).
 */
export function becomeDelegate(session: string): void {
  try {
    localStorage.setItem(DELEGATE_FLAG, '1');
  } catch {
    // Not remembered: this page is a delegate's until it is reloaded.
  }
  if (connectedAs?.session === session && connectedAs.delegate) return;
  connectedAs = { session, delegate: true };
  connect({ session, deviceKey: deviceKey() });
}

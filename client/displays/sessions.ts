/**
 * What `GET /api/sessions` tells a display: the sessions on this server and, when the server
 * knows it, the address phones use (`GAVEL_PUBLIC_URL`, or its LAN address). Read loosely: a
 * field it lacks is simply not used.
 */
import type { LocalText } from '../../shared/localText.ts';

export interface SessionSummary {
  readonly id: string;
  readonly title: LocalText;
  readonly status: string | null;
}

export interface SessionsInfo {
  readonly sessions: readonly SessionSummary[];
  /** The base address phones reach this server at, without a trailing slash; null if unknown. */
  readonly publicUrl: string | null;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A title as text or as languages and their texts; anything else is not a title. */
const isText = (v: unknown): v is LocalText =>
  typeof v === 'string' ||
  (isRecord(v) &&
    Object.keys(v).length > 0 &&
    Object.values(v).every((t) => typeof t === 'string'));

function summary(raw: unknown): SessionSummary | null {
  // An archived session (a rehearsal put away) is not offered to phones.
  if (!isRecord(raw) || typeof raw.id !== 'string' || raw.archived === true) return null;
  const meta = isRecord(raw.meta) ? raw.meta : {};
  const title = isText(raw.title) ? raw.title : isText(meta.title) ? meta.title : raw.id;
  return { id: raw.id, title, status: typeof raw.status === 'string' ? raw.status : null };
}

/** Reads the answer of `GET /api/sessions`: a list, or an object holding `sessions`. Pure. */
export function parseSessions(body: unknown): SessionsInfo {
  const list = Array.isArray(body)
    ? body
    : isRecord(body) && Array.isArray(body.sessions)
      ? body.sessions
      : [];
  const publicUrl =
    isRecord(body) && typeof body.publicUrl === 'string' && body.publicUrl !== ''
      ? body.publicUrl.replace(/\/+$/, '')
      : null;
  return {
    sessions: list.map(summary).filter((s): s is SessionSummary => s !== null),
    publicUrl,
  };
}

export async function fetchSessions(): Promise<SessionsInfo> {
  const res = await fetch('/api/sessions', { headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(`GET /api/sessions answered ${res.status}`);
  return parseSessions(await res.json());
}

/** True when this page was opened on the machine itself, where a phone cannot follow the link. */
export function isLoopback(hostname: string = location.hostname): boolean {
  return (
    hostname === 'localhost' ||
    hostname === '[::1]' ||
    hostname === '::1' ||
    /^127\./.test(hostname)
  );
}

/** The live page's address for phones. */
export function liveAddress(session: string, publicUrl: string | null): string {
  const base = publicUrl ?? location.origin;
  return `${base}/live/${encodeURIComponent(session)}`;
}

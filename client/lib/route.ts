/** What a page reads from its address: the session, and a token or key it then hides. */

/** The session id in `/console/:session`, `/stage/:session`, `/live/:session`… or null. */
export function sessionFromPath(pathname: string = location.pathname): string | null {
  const parts = pathname.split('/').filter(Boolean);
  const id = parts[1];
  return id ? decodeURIComponent(id) : null;
}

/**
 * Takes a secret (`?token=`, `?key=`) out of the address bar once read, and keeps it in this
 * browser for the next visit, so a link shared by screenshot does not carry it.
 */
export function takeSecret(param: string, storageKey: string): string | null {
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get(param);
  if (fromUrl) {
    try {
      localStorage.setItem(storageKey, fromUrl);
    } catch {
      // Private mode: the secret lives for this page only.
    }
    url.searchParams.delete(param);
    history.replaceState(history.state, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  try {
    return localStorage.getItem(storageKey);
  } catch {
    return null;
  }
}

/** Forgets a secret the server refused. */
export function forgetSecret(storageKey: string): void {
  try {
    localStorage.removeItem(storageKey);
  } catch {
    // Nothing kept.
  }
}

/** A random key for this browser, kept: it ties a delegate's requests to the device. */
export function deviceKey(): string {
  const storageKey = 'gavel.deviceKey';
  try {
    const kept = localStorage.getItem(storageKey);
    if (kept) return kept;
  } catch {
    // Fall through to a key for this page only.
  }
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  const key = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  try {
    localStorage.setItem(storageKey, key);
  } catch {
    // Not kept.
  }
  return key;
}

/** True when the page's address asks for an option (`?clock`, `?mirror`); `?next=0` is false. */
export function flag(name: string, search: string = location.search): boolean {
  const params = new URLSearchParams(search);
  if (!params.has(name)) return false;
  const value = params.get(name);
  return value !== '0' && value !== 'false';
}

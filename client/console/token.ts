/** The moderator token this browser keeps between visits (the same key the address bar fills). */
export const TOKEN_PARAM = 'token';
export const TOKEN_STORAGE_KEY = 'gavel.token';

/** Keeps a token typed into the form, as a token from the address bar is kept. */
export function keepToken(token: string): void {
  try {
    localStorage.setItem(TOKEN_STORAGE_KEY, token);
  } catch {
    // Private mode: the token lives for this page only.
  }
}

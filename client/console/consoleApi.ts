/** The console's calls to the HTTP API, with the token this browser keeps. */
import { TOKEN_STORAGE_KEY } from './token.ts';

/** The token the console was opened with, or null. */
export function consoleToken(): string | null {
  try {
    return localStorage.getItem(TOKEN_STORAGE_KEY);
  } catch {
    return null;
  }
}

/** Calls the API with the token; the answer's status and JSON. */
export async function callApi(
  path: string,
  init: RequestInit = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const token = consoleToken();
  const res = await fetch(path, {
    ...init,
    headers: {
      ...(init.headers as Record<string, string> | undefined),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

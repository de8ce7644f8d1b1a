/**
 * Refusal codes: Gavel's closed set, the same over the socket and over HTTP. Each maps one to one
 * onto an HTTP status.
 */
export const ERROR_STATUS = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  'not-found': 404,
  'not-allowed': 409,
  stale: 409,
  'too-large': 413,
  'rate-limited': 429,
  /** Something went wrong inside Gavel: nothing was changed. */
  internal: 500,
  /** Gavel cannot take commands now (its log cannot be written): nothing was changed. */
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** A refusal: a code for programs and a sentence for people. */
export interface GavelError {
  readonly code: ErrorCode;
  readonly message: string;
  /** With `rate-limited`: how long to wait before trying again, in ms. */
  readonly retryAfterMs?: number;
  /** For the refusals of `refusals.ts`: which one, so a page can word it in its language. */
  readonly key?: string;
  /** The values its sentence names. */
  readonly params?: Readonly<Record<string, string | number>>;
}

/** Builds a refusal value. Pure. */
export function fail(code: ErrorCode, message: string, retryAfterMs?: number): GavelError {
  return retryAfterMs === undefined ? { code, message } : { code, message, retryAfterMs };
}

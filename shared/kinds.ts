/**
 * The kinds of programme items and of floor requests, and each request kind's default time. Kept
 * apart from the programme's zod schema so that a page can list them without loading zod.
 */

export const ITEM_KINDS = [
  'remarks',
  'presentation',
  'summary',
  'statement',
  'question',
  'answer',
  'reply',
] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

export const REQUEST_KINDS = [
  'statement',
  'question',
  'answer',
  'reply',
  'point-of-order',
] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

/** The time each kind of floor request gets unless the programme says otherwise, in ms. */
export const DEFAULT_REQUEST_TIMES_MS: Readonly<Record<RequestKind, number>> = {
  statement: 180_000,
  question: 120_000,
  answer: 180_000,
  reply: 180_000,
  'point-of-order': 60_000,
};

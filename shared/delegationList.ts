/**
 * The shape of a list of delegations, `programmes/delegations.json` or the secretariat's
 * replacement for it, for the code that loads it to check: the server when it starts
 * (`server/config.ts`) and the tests. The pages do not carry zod for it: their build holds the
 * shipped file, checked before it shipped. Pure.
 */
import { z } from 'zod';
import { CATEGORIES, categoryRank } from './categories.ts';
import type { Delegation } from './delegations.ts';
import { isPartyOn, isStateCategory, type PartySpan } from './membership.ts';
import { describeIssues, type ProgrammeProblem } from './programme.ts';

/** One delegation of the list. */
export const DelegationEntry = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'an id is lowercase letters and digits'),
  en: z.string().trim().min(1),
  fr: z.string().trim().min(1),
  category: z.enum(CATEGORIES),
  group: z.boolean().optional(),
}) satisfies z.ZodType<Delegation>;

/** One span of a State's membership (`membership.ts`). */
const Span = z
  .strictObject({ from: z.iso.date(), until: z.iso.date().optional() })
  .refine((s) => s.until === undefined || s.from < s.until, {
    message: 'must end ("until") after it begins ("from")',
  }) satisfies z.ZodType<PartySpan>;

/**
 * The whole file: its version, the date its categories are stated as of, where its facts come
 * from, the delegations, each id once, sorted by category (in the order of `CATEGORIES`), and
 * `parties`: for each State that is or was a State Party, the spans it was one, in order. A
 * State's category must be what its spans say on the `asOf` date.
 */
export const DelegationList = z
  .strictObject({
    version: z.number().int().positive(),
    asOf: z.iso.date(),
    sourceNote: z.string().trim().min(1),
    delegations: z.array(DelegationEntry).min(1),
    parties: z.record(z.string(), z.array(Span).min(1)),
  })
  .superRefine((list, ctx) => {
    const byId = new Map(list.delegations.map((d) => [d.id, d]));
    for (const [id, spans] of Object.entries(list.parties)) {
      const listed = byId.get(id);
      if (!listed || !isStateCategory(listed.category)) {
        ctx.addIssue({
          code: 'custom',
          path: ['parties', id],
          message: listed
            ? `"${id}" is not a State (its category is ${listed.category})`
            : `"${id}" is not a delegation of the list`,
        });
      }
      spans.forEach((span, i) => {
        const previous = spans[i - 1];
        if (previous && (previous.until === undefined || previous.until > span.from)) {
          ctx.addIssue({
            code: 'custom',
            path: ['parties', id, i, 'from'],
            message: 'must come after the end of the span before it',
          });
        }
      });
    }
    list.delegations.forEach((d, i) => {
      if (!isStateCategory(d.category)) return;
      const party = isPartyOn(list.parties[d.id], list.asOf);
      if (party !== (d.category === 'state-party')) {
        ctx.addIssue({
          code: 'custom',
          path: ['delegations', i, 'category'],
          message: party
            ? `"${d.id}" is listed as observer-state, but a span of it in "parties" covers ${list.asOf}: list it as state-party, or correct its span`
            : `"${d.id}" is listed as state-party, but no span of it in "parties" covers ${list.asOf}: add or correct its span, or list it as observer-state`,
        });
      }
    });
  })
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.delegations.forEach((d, i) => {
      if (seen.has(d.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['delegations', i, 'id'],
          message: `the id "${d.id}" is given twice`,
        });
      }
      seen.add(d.id);
      const before = list.delegations[i - 1];
      if (before && categoryRank(before.category) > categoryRank(d.category)) {
        ctx.addIssue({
          code: 'custom',
          path: ['delegations', i, 'category'],
          message: `"${d.id}" (${d.category}) comes after "${before.id}" (${before.category}): the list is sorted by category`,
        });
      }
    });
  });
export type DelegationList = z.infer<typeof DelegationList>;

/** What is wrong with a list, each problem at its path (`delegations[3].id`); none if sound. */
export function delegationListProblems(data: unknown): ProgrammeProblem[] {
  const result = DelegationList.safeParse(data);
  return result.success ? [] : describeIssues(result.error.issues);
}

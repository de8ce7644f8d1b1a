/**
 * The shape of the shipped list of delegations, `programmes/delegations.json`, for the code that
 * loads it to check: the server when it starts (`server/config.ts`) and the tests. The pages do
 * not carry zod for it: their build holds the same file, checked before it shipped. Pure.
 */
import { z } from 'zod';
import { CATEGORIES, categoryRank } from './categories.ts';
import type { Delegation } from './delegations.ts';
import { describeIssues, type ProgrammeProblem } from './programme.ts';

/** One delegation of the list. */
export const DelegationEntry = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'an id is lowercase letters and digits'),
  en: z.string().trim().min(1),
  fr: z.string().trim().min(1),
  category: z.enum(CATEGORIES),
  group: z.boolean().optional(),
}) satisfies z.ZodType<Delegation>;

/**
 * The whole file: its version, the date its States Parties are stated as of, where they come
 * from, and the delegations, each id once, sorted by category (in the order of `CATEGORIES`).
 */
export const DelegationList = z
  .strictObject({
    version: z.number().int().positive(),
    asOf: z.iso.date(),
    sourceNote: z.string().trim().min(1),
    delegations: z.array(DelegationEntry).min(1),
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

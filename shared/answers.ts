/**
 * A round of questions is followed by the answers of the panellists they were addressed to,
 * grouped per panellist. This says which panellists owe answers: those asked since their last
 * answer was inscribed. Pure; works on the moderator's view or the state's requests.
 */

interface RequestLike {
  readonly id: string;
  readonly kind: string;
  readonly status: string;
  readonly seq: number;
  readonly addressedTo: string | null;
  /** For an answer: the panellist's item id (a log from before it was kept: `delegation.id`). */
  readonly panellist?: string | null;
  readonly delegation: { readonly id: string | null };
}

export interface AnswerDue {
  /** The panellist's item id: the `delegation` of the `answer` command to inscribe. */
  readonly panellistItemId: string;
  /** The questions waiting for this panellist's answer, in the order they were asked. */
  readonly questionIds: readonly string[];
}

/**
 * Panellists who were asked questions (heard, or on the list) after their latest inscribed
 * answer, in the order of their first such question. Pure.
 */
export function answersDue(requests: readonly RequestLike[]): AnswerDue[] {
  const lastAnswer = new Map<string, number>();
  for (const r of requests) {
    const panellist = r.panellist === undefined ? r.delegation.id : r.panellist;
    if (
      r.kind === 'answer' &&
      panellist !== null &&
      r.status !== 'declined' &&
      r.status !== 'withdrawn'
    ) {
      lastAnswer.set(panellist, Math.max(lastAnswer.get(panellist) ?? -1, r.seq));
    }
  }
  const due = new Map<string, string[]>();
  const ordered = [...requests].sort((a, b) => a.seq - b.seq);
  for (const q of ordered) {
    if (q.kind !== 'question' || q.addressedTo === null) continue;
    if (q.status !== 'done' && q.status !== 'speaking' && q.status !== 'queued') continue;
    if (q.seq < (lastAnswer.get(q.addressedTo) ?? -1)) continue;
    due.set(q.addressedTo, [...(due.get(q.addressedTo) ?? []), q.id]);
  }
  return [...due].map(([panellistItemId, questionIds]) => ({ panellistItemId, questionIds }));
}

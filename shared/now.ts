/** A one-glance summary of what is on now, for the AV crew's scripts and Companion variables. */
import { formatClock } from './duration.ts';
import { phaseAt, remainingAt, type Phase } from './timer.ts';
import type { Speaker } from './programme.ts';
import type { SessionStatus } from './state.ts';
import { interruptedOf, nextUp, viewItem, type SessionView } from './views.ts';

export interface NowSummary {
  readonly session: string;
  readonly status: SessionStatus;
  readonly speaker: string | null;
  readonly function: string | null;
  readonly topic: string | null;
  /** `m:ss` left, or `+m:ss` in overtime; null when nobody has the floor. */
  readonly timeLeft: string | null;
  readonly remainingMs: number | null;
  readonly phase: Phase | null;
  readonly running: boolean;
  /** The speaker a point of order interrupted, while it is heard; they resume after it. */
  readonly interrupted: string | null;
  readonly next: string | null;
  readonly version: number;
}

const nameOf = (speaker: Speaker) => [speaker.honorific, speaker.name].filter(Boolean).join(' ');

/** What is on now, at server time `now`. Pure. */
export function nowSummary(view: SessionView, now: number): NowSummary {
  const turn = view.turns.find((t) => t.id === view.current.turnId) ?? null;
  const remaining = turn ? remainingAt(turn, now) : null;
  const up = nextUp(view);
  let next: string | null = null;
  if (up?.kind === 'item' || up?.kind === 'resume') next = nameOf(up.item.speaker);
  else if (up?.kind === 'request') next = up.entry.speakerName ?? up.entry.delegation.en;
  else if (up?.kind === 'segment') next = up.segment.title;
  const item = turn ? viewItem(view, turn.itemId) : null;
  const interrupted = interruptedOf(view);
  const fn = item
    ? [item.speaker.function, item.speaker.organisation].filter(Boolean).join(', ')
    : '';
  return {
    session: view.id,
    status: view.status,
    speaker: item ? nameOf(item.speaker) : null,
    function: fn === '' ? null : fn,
    topic: item?.topic ?? null,
    timeLeft: remaining === null ? null : `${remaining < 0 ? '+' : ''}${formatClock(remaining)}`,
    remainingMs: remaining,
    phase: turn ? phaseAt(turn, now) : null,
    running: turn !== null && turn.startedAt !== null,
    interrupted: interrupted ? nameOf(interrupted.item.speaker) : null,
    next,
    version: view.version,
  };
}

/** The summary as one line of text, for scripts. Pure. */
export function nowLine(summary: NowSummary): string {
  if (summary.speaker === null) {
    return `${summary.status}${summary.next ? ` | next: ${summary.next}` : ''}`;
  }
  const parts = [
    summary.speaker,
    `${summary.timeLeft ?? ''} ${summary.phase ?? ''}${summary.running ? '' : ' (paused)'}`.trim(),
  ];
  // The interrupted speaker is the one who comes next: said once.
  if (summary.interrupted) parts.push(`interrupted: ${summary.interrupted}, resumes next`);
  else if (summary.next) parts.push(`next: ${summary.next}`);
  return parts.join(' | ');
}

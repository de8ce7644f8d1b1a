/** A one-glance summary of what is on now, for the AV crew's scripts and Companion variables. */
import { formatClock } from './duration.ts';
import { pick } from './localText.ts';
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

/**
 * What is on now, at server time `now`, its texts in `lang` (a base code such as `fr`; the
 * programme's first language when left out or missing from a text). Pure.
 */
export function nowSummary(
  view: SessionView,
  now: number,
  lang: string = view.meta.languages[0] ?? 'en',
): NowSummary {
  const nameOf = (s: Speaker) => [pick(s.honorific, lang), s.name].filter(Boolean).join(' ');
  const turn = view.turns.find((t) => t.id === view.current.turnId) ?? null;
  const remaining = turn ? remainingAt(turn, now) : null;
  const up = nextUp(view);
  let next: string | null = null;
  if (up?.kind === 'item' || up?.kind === 'resume') next = nameOf(up.item.speaker);
  else if (up?.kind === 'request')
    next =
      up.entry.speakerName ?? (lang === 'fr' ? up.entry.delegation.fr : up.entry.delegation.en);
  else if (up?.kind === 'segment') next = pick(up.segment.title, lang);
  const item = turn ? viewItem(view, turn.itemId) : null;
  const interrupted = interruptedOf(view);
  const fn = item
    ? [pick(item.speaker.function, lang), pick(item.speaker.organisation, lang)]
        .filter(Boolean)
        .join(', ')
    : '';
  return {
    session: view.id,
    status: view.status,
    speaker: item ? nameOf(item.speaker) : null,
    function: fn === '' ? null : fn,
    topic: pick(item?.topic, lang) ?? null,
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

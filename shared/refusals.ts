/**
 * The refusals people meet most, each with a stable key and its English sentence. A refusal
 * carries its key (and the values in its sentence), so a page can say it in its own language;
 * the English sentence travels with it for scripts and for keys a page does not know. Pure.
 */
import { fail, type ErrorCode, type GavelError } from './errors.ts';

export const REFUSALS = {
  'not-started': 'The session has not started yet: start it first.',
  suspended: 'The session is suspended: resume it first.',
  ended: 'The session has ended: only undo (to reopen it) and corrections of the record remain.',
  'no-turn': 'Nobody has the floor: call a speaker first.',
  'point-of-order':
    'A point of order is being heard: finish it (F) and the interrupted speaker resumes.',
  'nothing-to-undo': 'There is nothing to undo.',
  'already-started': 'The session has already started.',
  'not-suspended': 'The session is not suspended.',
  'programme-over': 'No segment is running: the programme is over, end the session.',
  'list-empty': 'The list of speakers is empty: end the segment to move on.',
  'recall-busy': 'Someone has the floor: finish that turn (F) before recalling a speaker.',
  'recall-nobody': 'Nobody has finished speaking yet: there is no one to recall.',
  'no-segment': 'No segment is running.',
  'timer-running': 'The timer is already running.',
  'timer-stopped': 'The timer is not running.',
  'list-not-open': 'The list of speakers is not open.',
  'list-not-open-yet': 'The list of speakers is not open yet.',
  'list-closed': 'The list of speakers is closed: only a right of reply can still be asked for.',
  'too-little-time': 'That would take away more time than was granted.',
  'no-speaker-after': 'There is no speaker after this one: finish the turn (F) or end the session.',
  stale:
    'The session moved on (version {version}, the command expected {expected}): look again and retry.',
  'floor-code-needed': 'This meeting asks for the floor code shown in the room.',
  'floor-code-wrong': 'That floor code is not right: check the code shown in the room.',
  'one-per-10s': 'One request every 10 seconds: try again in {seconds} s.',
  'three-open':
    'This device already has 3 requests open: withdraw one, or wait until one is heard.',
} as const;

export type RefusalKey = keyof typeof REFUSALS;
export type RefusalParams = Readonly<Record<string, string | number>>;

/** Fills `{name}` placeholders. Pure. */
export function fillSentence(text: string, params: RefusalParams = {}): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** A refusal with its key, its values, and its English sentence. Pure. */
export function refuse(
  code: ErrorCode,
  key: RefusalKey,
  params?: RefusalParams,
  retryAfterMs?: number,
): GavelError {
  const error = fail(code, fillSentence(REFUSALS[key], params), retryAfterMs);
  return params ? { ...error, key, params } : { ...error, key };
}

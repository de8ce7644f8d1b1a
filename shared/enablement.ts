/**
 * Which commands the state allows right now, before looking at what a command carries. The
 * server refuses with it; the console greys out its buttons with it. Pure.
 */
import type { CommandType } from './commands.ts';
import { fail, type GavelError } from './errors.ts';
import { refuse, type RefusalKey } from './refusals.ts';
import type { FloorStatus, SessionStatus } from './state.ts';

/** The few facts enablement reads; built from the server's state or from any view. */
export interface EnablementInput {
  readonly status: SessionStatus;
  readonly floorStatus: FloorStatus;
  readonly currentSegmentKind: 'panel' | 'floor' | null;
  readonly hasCurrentTurn: boolean;
  readonly timerRunning: boolean;
  readonly interrupted: boolean;
  readonly queueLength: number;
  readonly hasFinishedTurn: boolean;
  readonly undoCount: number;
}

const notAllowed = (key: RefusalKey) => refuse('not-allowed', key);

const NOT_STARTED = 'not-started';
const SUSPENDED = 'suspended';
const NO_TURN = 'no-turn';
const POINT_OF_ORDER = 'point-of-order';

/** The session must be live for speakers and timers to move. */
function needLive(s: EnablementInput): GavelError | null {
  if (s.status === 'scheduled') return notAllowed(NOT_STARTED);
  if (s.status === 'suspended') return notAllowed(SUSPENDED);
  return null;
}

/** Live or suspended: the meeting has started and not ended. */
function needStarted(s: EnablementInput): GavelError | null {
  return s.status === 'scheduled' ? notAllowed(NOT_STARTED) : null;
}

function needTurn(s: EnablementInput): GavelError | null {
  return needStarted(s) ?? (s.hasCurrentTurn ? null : notAllowed(NO_TURN));
}

/**
 * Null when a command of this type may run in this state, else the refusal. Payload checks
 * (which item, which request) come after, in the state machine. Pure.
 */
export function availability(s: EnablementInput, commandType: CommandType): GavelError | null {
  if (s.status === 'ended' && commandType !== 'undo' && commandType !== 'record.correct') {
    return notAllowed('ended');
  }
  switch (commandType) {
    case 'undo':
      return s.undoCount > 0 ? null : notAllowed('nothing-to-undo');
    case 'record.correct':
      return null;
    case 'session.start':
      return s.status === 'scheduled' ? null : notAllowed('already-started');
    case 'session.suspend':
      return needLive(s);
    case 'session.resume':
      return s.status === 'suspended' ? null : notAllowed('not-suspended');
    case 'session.end':
      return needStarted(s);
    case 'speaker.next':
      return (
        needLive(s) ??
        (s.interrupted ? notAllowed(POINT_OF_ORDER) : null) ??
        (s.currentSegmentKind === null ? notAllowed('programme-over') : null) ??
        (s.currentSegmentKind === 'floor' && s.queueLength === 0 ? notAllowed('list-empty') : null)
      );
    case 'speaker.call':
      return needLive(s) ?? (s.interrupted ? notAllowed(POINT_OF_ORDER) : null);
    case 'speaker.finish':
      return needTurn(s);
    case 'speaker.recall':
      return (
        needLive(s) ??
        (s.hasCurrentTurn ? notAllowed('recall-busy') : null) ??
        (s.hasFinishedTurn ? null : notAllowed('recall-nobody'))
      );
    case 'segment.end':
      return (
        needStarted(s) ??
        (s.interrupted ? notAllowed(POINT_OF_ORDER) : null) ??
        (s.currentSegmentKind === null ? notAllowed('no-segment') : null)
      );
    case 'timer.start':
      return (
        needLive(s) ??
        (s.hasCurrentTurn ? null : notAllowed(NO_TURN)) ??
        (s.timerRunning ? notAllowed('timer-running') : null)
      );
    case 'timer.pause':
      return needTurn(s) ?? (s.timerRunning ? null : notAllowed('timer-stopped'));
    case 'timer.adjust':
    case 'timer.set':
    case 'timer.reset':
      return needTurn(s);
    case 'floor.close':
      return s.floorStatus === 'open' ? null : notAllowed('list-not-open');
    case 'floor.give':
      return needLive(s);
    case 'speaker.skip':
    case 'session.update':
    case 'segment.update':
    case 'message.show':
    case 'message.clear':
    case 'stage.blank':
    case 'stage.flash':
    case 'item.add':
    case 'item.update':
    case 'item.move':
    case 'item.remove':
    case 'floor.open':
    case 'floor.request':
    case 'floor.withdraw':
    case 'floor.approve':
    case 'floor.decline':
    case 'floor.move':
    case 'delegation.add':
      return null;
    default: {
      commandType satisfies never;
      return fail('invalid', 'Unknown command.');
    }
  }
}

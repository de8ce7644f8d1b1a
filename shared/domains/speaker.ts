/**
 * Speakers: the next one, one called from the programme, finishing a turn, skipping, recalling.
 * A turn begins, ends, is interrupted by a point of order and resumes after it. Pure.
 */
import type { E } from '../events.ts';
import { Id } from '../programme.ts';
import {
  currentSegment,
  findItem,
  findRequest,
  findTurn,
  onTheFloor,
  type SessionState,
  type Turn,
} from '../state.ts';
import { cmd, start } from './fields.ts';
import { give } from './floor.ts';
import {
  defineCommand,
  defineEvolvers,
  itemNotFound,
  lastFinishedTurn,
  mapItem,
  mapRequest,
  mapTurn,
  MODERATOR,
  needLive,
  needNoPointOfOrder,
  needTurn,
  notAllowed,
  pauseTurn,
  type Draft,
  type Outcome,
} from './kit.ts';
import { beginTurn, endCurrentTurn, enterSegment, leaveSegment } from './turns.ts';

export type SpeakerEvent =
  | E<'turnBegan', { turn: Turn }>
  | E<'turnEnded', { turnId: string }>
  | E<'turnInterrupted', { turnId: string; byTurnId: string }>
  | E<'turnResumed', { turnId: string }>
  | E<'itemSkipped', { itemId: string }>;

function next(d: Draft, start: boolean): Outcome {
  const now = d.now;
  const segment = currentSegment(d.state);
  if (!segment) return notAllowed('programme-over');
  if (segment.kind === 'floor') {
    const head = d.state.floor.queue[0];
    if (head === undefined) return notAllowed('list-empty');
    return give(d, head, start, { now, actor: { role: 'moderator' } }, true);
  }
  const upcoming = segment.items.find((i) => i.status === 'upcoming');
  if (upcoming) {
    endCurrentTurn(d);
    beginTurn(d, { segmentId: segment.id, item: upcoming, request: null, start }, now);
    return null;
  }
  const index = d.state.segments.indexOf(segment);
  const following = d.state.segments[index + 1];
  if (!following) return notAllowed('no-speaker-after');
  endCurrentTurn(d);
  leaveSegment(d);
  enterSegment(d, following.id);
  const first =
    following.kind === 'panel' ? following.items.find((i) => i.status === 'upcoming') : undefined;
  if (first) beginTurn(d, { segmentId: following.id, item: first, request: null, start }, now);
  return null;
}

function call(d: Draft, itemId: string, start: boolean): Outcome {
  const found = findItem(d.state, itemId);
  if (!found) return itemNotFound(itemId);
  if (found.segment.kind === 'floor') return notAllowed('call-floor-item');
  if (onTheFloor(found.item))
    return notAllowed('already-speaking', { name: found.item.speaker.name });
  endCurrentTurn(d);
  if (d.state.currentSegmentId !== found.segment.id) {
    leaveSegment(d);
    enterSegment(d, found.segment.id);
  }
  beginTurn(d, { segmentId: found.segment.id, item: found.item, request: null, start }, d.now);
  return null;
}

function recall(d: Draft, start: boolean): Outcome {
  const last = lastFinishedTurn(d.state);
  if (!last) return notAllowed('recall-nobody');
  if (last.segmentId !== d.state.currentSegmentId) return notAllowed('recall-earlier-segment');
  const found = findItem(d.state, last.itemId);
  if (!found) return notAllowed('recall-gone');
  const request = last.requestId === null ? null : findRequest(d.state, last.requestId);
  beginTurn(
    d,
    { segmentId: last.segmentId, item: found.item, request, start, recallOf: last.id },
    d.now,
  );
  return null;
}

export const SPEAKER_COMMANDS = {
  'speaker.next': defineCommand(cmd('speaker.next', { start }), {
    roles: MODERATOR,
    available: (s) =>
      needLive(s) ??
      needNoPointOfOrder(s) ??
      (s.currentSegmentKind === null ? notAllowed('programme-over') : null) ??
      (s.currentSegmentKind === 'floor' && s.queueLength === 0 ? notAllowed('list-empty') : null),
    decide: (d, command) => next(d, command.start ?? false),
  }),
  'speaker.call': defineCommand(cmd('speaker.call', { itemId: Id, start }), {
    roles: MODERATOR,
    available: (s) => needLive(s) ?? needNoPointOfOrder(s),
    decide: (d, command) => call(d, command.itemId, command.start ?? false),
  }),
  'speaker.finish': defineCommand(cmd('speaker.finish', {}), {
    roles: MODERATOR,
    available: needTurn,
    decide: (d) => {
      const interrupted = d.state.interruptedTurnId;
      endCurrentTurn(d);
      if (interrupted !== null) d.emit({ type: 'turnResumed', turnId: interrupted });
      return null;
    },
  }),
  'speaker.skip': defineCommand(cmd('speaker.skip', { itemId: Id }), {
    roles: MODERATOR,
    decide: (d, command) => {
      const found = findItem(d.state, command.itemId);
      if (!found) return itemNotFound(command.itemId);
      if (found.item.status !== 'upcoming') {
        return notAllowed('skip-not-upcoming', {
          name: found.item.speaker.name,
          status: found.item.status,
        });
      }
      d.emit({ type: 'itemSkipped', itemId: command.itemId });
      return null;
    },
  }),
  'speaker.recall': defineCommand(cmd('speaker.recall', { start }), {
    roles: MODERATOR,
    available: (s) =>
      needLive(s) ??
      (s.hasCurrentTurn ? notAllowed('recall-busy') : null) ??
      (s.hasFinishedTurn ? null : notAllowed('recall-nobody')),
    decide: (d, command) => recall(d, command.start ?? false),
  }),
};

export const SPEAKER_EVENTS = defineEvolvers<SpeakerEvent['type']>({
  turnBegan: (state, { turn }) => {
    let s: SessionState = {
      ...state,
      turns: [...state.turns, turn],
      currentTurnId: turn.id,
      seq: state.seq + 1,
    };
    s = mapItem(s, turn.itemId, (i) => ({ ...i, status: 'speaking' }));
    if (turn.requestId !== null)
      s = mapRequest(s, turn.requestId, (r) => ({ ...r, status: 'speaking' }));
    return s;
  },
  turnEnded: (state, { turnId, at }) => {
    const turn = findTurn(state, turnId);
    if (!turn) return state;
    // A speaker called whose timer never ran was not heard: the item is passed over (unless an
    // earlier turn heard it) and the request is recorded as not heard.
    const heard = (t: Turn) => t.firstStartedAt !== null;
    const itemHeard = state.turns.some((t) => t.itemId === turn.itemId && heard(t));
    let s = mapTurn(state, turn.id, (t) => ({ ...pauseTurn(t, at), endedAt: at }));
    s = mapItem(s, turn.itemId, (i) => ({ ...i, status: itemHeard ? 'done' : 'skipped' }));
    const requestHeard = state.turns.some((t) => t.requestId === turn.requestId && heard(t));
    if (turn.requestId !== null)
      s = mapRequest(s, turn.requestId, (r) =>
        requestHeard
          ? { ...r, status: 'done' }
          : { ...r, status: 'not-heard', reason: 'called, did not speak' },
      );
    return s.currentTurnId === turn.id ? { ...s, currentTurnId: null } : s;
  },
  // The interrupted item is `interrupted`, not `speaking`, until it resumes: one item speaks.
  turnInterrupted: (state, { turnId, byTurnId, at }) => {
    const turn = findTurn(state, turnId);
    const s = mapTurn(state, turnId, (t) => ({
      ...pauseTurn(t, at),
      interruptedBy: [...t.interruptedBy, byTurnId],
    }));
    return {
      ...(turn ? mapItem(s, turn.itemId, (i) => ({ ...i, status: 'interrupted' })) : s),
      interruptedTurnId: turnId,
    };
  },
  turnResumed: (state, { turnId }) => {
    const turn = findTurn(state, turnId);
    const s = turn ? mapItem(state, turn.itemId, (i) => ({ ...i, status: 'speaking' })) : state;
    return { ...s, currentTurnId: turnId, interruptedTurnId: null };
  },
  itemSkipped: (state, { itemId }) => mapItem(state, itemId, (i) => ({ ...i, status: 'skipped' })),
});

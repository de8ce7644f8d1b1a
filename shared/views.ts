/**
 * What each role sees of a session, worked out from the state. Pure. The viewer sees the meeting;
 * a delegate also its own requests; the stage also the message to the speaker and the floor code;
 * the moderator everything but devices' keys.
 */
import type { Category } from './categories.ts';
import type { Delegation } from './delegations.ts';
import type { EnablementInput } from './enablement.ts';
import type { DistributiveOmit } from './events.ts';
import type { MessagePreset } from './presets.ts';
import type { RequestKind } from './programme.ts';
import type { Actor, Role } from './roles.ts';
import type {
  DelegationRef,
  FloorRequest,
  FloorState,
  ItemStatus,
  LiveItem,
  LiveSegment,
  RequestStatus,
  SegmentStatus,
  SessionState,
  Turn,
  UndoEntry,
} from './state.ts';

/** The timer of the current turn: the fields integrations read, kept stable. */
export type TimerView = Pick<
  Turn,
  'itemId' | 'plannedMs' | 'grantedMs' | 'elapsedMs' | 'startedAt' | 'warningMs' | 'dangerMs'
> & {
  readonly turnId: Turn['id'];
};

/** One place in the list of speakers, as everyone sees it. */
export interface QueueEntry {
  readonly id: string;
  readonly delegation: DelegationRef;
  readonly category: Category;
  readonly kind: RequestKind;
  readonly status: RequestStatus;
  readonly speakerName: string | null;
  readonly onBehalfOf: DelegationRef | null;
  readonly addressedTo: string | null;
}

/** A request with its device key taken out; `mine` tells a delegate which are its own. */
export type RequestView = Omit<FloorRequest, 'deviceKey'> & { readonly mine?: boolean };

export interface FloorView extends Pick<FloorState, 'status'> {
  readonly floorCodeRequired: boolean;
  /** The code itself, for the stage (to show it in the room) and the moderator; else null. */
  readonly floorCode: string | null;
  readonly queue: readonly QueueEntry[];
  /** The moderator: every request; a delegate: its own; others: none. */
  readonly requests: readonly RequestView[];
}

export type ItemView = Omit<LiveItem, 'note'> & {
  readonly note?: string;
  readonly status: ItemStatus;
};

export type SegmentView = DistributiveOmit<LiveSegment, 'items'> & {
  readonly items: readonly ItemView[];
  readonly status: SegmentStatus;
};

/**
 * A turn as views carry it: the speaker is read from its item (`itemId`), which keeps updates
 * small; for other roles than the moderator, a panel turn's `delegation` is null (the item's
 * `speaker.delegation` names it).
 */
export type TurnView = Omit<Turn, 'corrections' | 'speaker'> & {
  readonly corrections?: Turn['corrections'];
};

export type UndoLabel = Pick<UndoEntry, 'commandType' | 'at' | 'version'>;

/**
 * A session as one role sees it: the state's own fields where they are shown as they are (the
 * message to the speaker is the stage's and the moderator's only: null for others).
 */
export interface SessionView extends Pick<
  SessionState,
  'id' | 'version' | 'status' | 'meta' | 'message' | 'stage' | 'startedAt' | 'endedAt'
> {
  readonly role: Role;
  readonly segments: readonly SegmentView[];
  readonly current: {
    readonly segmentId: string | null;
    readonly turnId: string | null;
    readonly interruptedTurnId: string | null;
  };
  readonly timer: TimerView | null;
  readonly turns: readonly TurnView[];
  readonly floor: FloorView;
  /** The moderator's undo stack, latest last: labels only. Empty for other roles. */
  readonly undo: readonly UndoLabel[];
  /** Delegations this session added to the shipped list. */
  readonly delegations: readonly Delegation[];
  /**
   * The States Parties of the meeting's day (`SessionState.statesParties`), for the consoles of
   * those who keep the list of speakers, which show a listed State's category on that day as they
   * suggest it (`amongStatesParties`). Absent for other roles: the phones need not carry it.
   */
  readonly statesParties?: readonly string[] | null;
  /**
   * The moderator's message presets, null for the defaults (`DEFAULT_MESSAGE_PRESETS`, kept out of
   * this module so the phones' pages do not load them); absent for other roles.
   */
  readonly messagePresets?: readonly MessagePreset[] | null;
}

function timerOf(turn: Turn): TimerView {
  return {
    turnId: turn.id,
    itemId: turn.itemId,
    plannedMs: turn.plannedMs,
    grantedMs: turn.grantedMs,
    elapsedMs: turn.elapsedMs,
    startedAt: turn.startedAt,
    warningMs: turn.warningMs,
    dangerMs: turn.dangerMs,
  };
}

function requestView(request: FloorRequest, deviceKey: string | undefined): RequestView {
  const { deviceKey: key, ...rest } = request;
  return deviceKey !== undefined && key === deviceKey ? { ...rest, mine: true } : rest;
}

function queueEntry(r: FloorRequest): QueueEntry {
  return {
    id: r.id,
    delegation: r.delegation,
    category: r.category,
    kind: r.kind,
    status: r.status,
    speakerName: r.speakerName,
    onBehalfOf: r.onBehalfOf,
    addressedTo: r.addressedTo,
  };
}

/** A delegate's own requests, newest last, without device keys. Pure. */
export function requestsOf(state: SessionState, deviceKey: string): RequestView[] {
  return state.floor.requests
    .filter((r) => r.deviceKey === deviceKey)
    .map((r) => requestView(r, deviceKey));
}

/** The view of a session for one actor. Pure. */
export function viewFor(state: SessionState, actor: Actor): SessionView {
  const { role } = actor;
  const moderator = role === 'moderator';
  // The floor officer keeps the list of speakers: every request, and the floor code to give out.
  const officer = role === 'floor-officer';
  const insider = moderator || role === 'stage';
  const current =
    state.currentTurnId === null ? null : state.turns.find((t) => t.id === state.currentTurnId);
  // The secretariat reads the whole list too (it keeps the record), and changes nothing.
  const requests =
    moderator || officer || role === 'secretariat'
      ? state.floor.requests.map((r) => requestView(r, undefined))
      : role === 'delegate' && actor.deviceKey
        ? requestsOf(state, actor.deviceKey)
        : [];
  return {
    id: state.id,
    version: state.version,
    role,
    status: state.status,
    meta: state.meta,
    segments: state.segments.map((segment) => ({
      ...segment,
      items: moderator ? segment.items : segment.items.map(({ note: _note, ...item }) => item),
    })),
    current: {
      segmentId: state.currentSegmentId,
      turnId: state.currentTurnId,
      interruptedTurnId: state.interruptedTurnId,
    },
    timer: current ? timerOf(current) : null,
    // Displays read a panel speaker's delegation from the item (`speaker.delegation`): leaving
    // its long display names out of the turn keeps a "next speaker" update to a phone under 1 KB.
    turns: state.turns.map(({ corrections, speaker: _speaker, ...turn }) =>
      moderator
        ? { ...turn, corrections }
        : turn.requestId === null
          ? { ...turn, delegation: null }
          : turn,
    ),
    floor: {
      status: state.floor.status,
      floorCodeRequired: state.floor.floorCode !== null,
      floorCode: insider || officer ? state.floor.floorCode : null,
      queue: state.floor.queue.flatMap((id) => {
        const r = state.floor.requests.find((x) => x.id === id);
        return r ? [queueEntry(r)] : [];
      }),
      requests,
    },
    message: insider ? state.message : null,
    ...(moderator ? { messagePresets: state.messagePresets } : {}),
    stage: state.stage,
    startedAt: state.startedAt,
    endedAt: state.endedAt,
    undo: moderator
      ? state.undo.map((u) => ({ commandType: u.commandType, at: u.at, version: u.version }))
      : [],
    delegations: state.extraDelegations,
    ...(moderator || officer || role === 'secretariat'
      ? { statesParties: state.statesParties }
      : {}),
  };
}

/** The turn that has the floor in a view. Pure. */
export function viewCurrentTurn(view: SessionView): TurnView | null {
  return view.turns.find((t) => t.id === view.current.turnId) ?? null;
}

/** The facts `availability` reads, from a view: the console greys its buttons with them. Pure. */
export function enablementOfView(view: SessionView): EnablementInput {
  const segment = view.segments.find((s) => s.id === view.current.segmentId);
  const turn = viewCurrentTurn(view);
  return {
    status: view.status,
    floorStatus: view.floor.status,
    currentSegmentKind: segment?.kind ?? null,
    hasCurrentTurn: turn !== null,
    timerRunning: turn !== null && turn.startedAt !== null,
    interrupted: view.current.interruptedTurnId !== null,
    queueLength: view.floor.queue.length,
    hasFinishedTurn: view.turns.some((t) => t.endedAt !== null && t.kind !== 'point-of-order'),
    undoCount: view.undo.length,
  };
}

/** The item an id names anywhere in a view's programme, or null. Pure. */
export function viewItem(view: SessionView, itemId: string): ItemView | null {
  for (const segment of view.segments) {
    const item = segment.items.find((i) => i.id === itemId);
    if (item) return item;
  }
  return null;
}

/**
 * The turn a point of order interrupted, with its item (whose status is `interrupted`), while the
 * point of order is heard; else null. Pure.
 */
export function interruptedOf(view: SessionView): { turn: TurnView; item: ItemView } | null {
  const turn = view.turns.find((t) => t.id === view.current.interruptedTurnId);
  const item = turn ? viewItem(view, turn.itemId) : null;
  return turn && item ? { turn, item } : null;
}

/** A request's status as its delegate reads it: `interrupted` is derived, never stored. */
export type ShownRequestStatus = RequestStatus | 'interrupted';

/**
 * A request's status as its delegate should read it: a request whose turn a point of order is
 * interrupting reads `interrupted` (they resume after it), not `speaking`. Pure.
 */
export function shownRequestStatus(
  request: Pick<FloorRequest, 'status' | 'turnId'>,
  view: Pick<SessionView, 'current'>,
): ShownRequestStatus {
  return request.status === 'speaking' &&
    request.turnId !== null &&
    request.turnId === view.current.interruptedTurnId
    ? 'interrupted'
    : request.status;
}

/**
 * Who or what comes next, for "Next:" lines: displays word it in their language. `resume`: the
 * speaker a point of order interrupted, who has the floor again once it is heard.
 */
export type NextUp =
  | { readonly kind: 'resume'; readonly turn: TurnView; readonly item: ItemView }
  | { readonly kind: 'item'; readonly item: ItemView }
  | { readonly kind: 'request'; readonly entry: QueueEntry }
  | { readonly kind: 'segment'; readonly segment: SegmentView };

/**
 * What comes next: during a point of order, the speaker it interrupted; else the next upcoming
 * item of the current panel segment, the head of the list of speakers in an open floor, else the
 * first speaker (or the open floor) of a following segment. Null when nothing follows. Pure.
 */
export function nextUp(view: SessionView): NextUp | null {
  if (view.status === 'ended') return null;
  const interrupted = interruptedOf(view);
  if (interrupted) return { kind: 'resume', ...interrupted };
  const index = view.segments.findIndex((s) => s.id === view.current.segmentId);
  const current = view.segments[index];
  if (current?.kind === 'floor') {
    const head = view.floor.queue[0];
    return head ? { kind: 'request', entry: head } : null;
  }
  const from = index === -1 ? (view.startedAt === null ? 0 : view.segments.length) : index;
  for (const segment of view.segments.slice(from)) {
    if (segment.kind === 'floor') return { kind: 'segment', segment };
    const item = segment.items.find((i) => i.status === 'upcoming');
    if (item) return { kind: 'item', item };
  }
  return null;
}

/** The live state of one session, as the state machine holds it. Plain data: JSON round-trips. */
import type { Category } from './categories.ts';
import type { Delegation } from './delegations.ts';
import type { GavelEvent } from './events.ts';
import type { MessagePreset } from './presets.ts';
import type {
  FloorSegment,
  Item,
  ItemKind,
  PanelSegment,
  Programme,
  ProgrammeMeta,
  RequestKind,
  Speaker,
} from './programme.ts';

export const SESSION_STATUSES = ['scheduled', 'live', 'suspended', 'ended'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

/**
 * An item's place in the meeting. `interrupted`: its turn is paused by a point of order, and
 * resumes after it; only one item is `speaking` at any time.
 */
export const ITEM_STATUSES = ['upcoming', 'speaking', 'interrupted', 'done', 'skipped'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

/** True for an item whose turn is open: speaking, or interrupted by a point of order. Pure. */
export function onTheFloor(item: { readonly status: ItemStatus }): boolean {
  return item.status === 'speaking' || item.status === 'interrupted';
}

export type SegmentStatus = 'upcoming' | 'active' | 'done';

export interface LiveItem extends Item {
  readonly status: ItemStatus;
}

interface LiveSegmentFields {
  readonly items: readonly LiveItem[];
  readonly status: SegmentStatus;
  /** When the segment was first entered, and when it was last left (epoch ms). */
  readonly startedAt: number | null;
  readonly endedAt: number | null;
}
export type LivePanelSegment = Omit<PanelSegment, 'items'> & LiveSegmentFields;
export type LiveFloorSegment = Omit<FloorSegment, 'items'> & LiveSegmentFields;
export type LiveSegment = LivePanelSegment | LiveFloorSegment;

/** Who a request or a turn speaks for, with display names in each language. */
export interface DelegationRef {
  /** An id from the shipped list or the session's additions; null for free text. */
  readonly id: string | null;
  readonly en: string;
  readonly fr: string;
}

/** A correction of the record after the meeting, kept beside the original. */
export interface TurnCorrection {
  readonly at: number;
  readonly startedAt?: number;
  readonly endedAt?: number;
  readonly counts?: boolean;
  readonly note: string;
}

/** The moderator restarted a turn's clock: when, and the speaking time before it (ms). */
export interface TurnRestart {
  readonly at: number;
  readonly spokenMs: number;
}

/**
 * One time someone has the floor. Its timer: `grantedMs` (planned plus adjustments),
 * `elapsedMs` before the last start, `startedAt` (server time of that start, null while paused).
 */
export interface Turn {
  readonly id: string;
  readonly segmentId: string;
  readonly itemId: string;
  readonly requestId: string | null;
  readonly kind: ItemKind | RequestKind;
  readonly speaker: Speaker;
  readonly delegation: DelegationRef | null;
  readonly onBehalfOf: DelegationRef | null;
  readonly category: Category | null;
  readonly plannedMs: number;
  readonly grantedMs: number;
  readonly elapsedMs: number;
  readonly startedAt: number | null;
  readonly warningMs: number;
  readonly dangerMs: number;
  /** When the speaker was called, first started speaking, and when the turn ended. */
  readonly calledAt: number;
  readonly firstStartedAt: number | null;
  readonly endedAt: number | null;
  /** The turn this point of order interrupts, or the turns that interrupted this one. */
  readonly interrupts: string | null;
  readonly interruptedBy: readonly string[];
  /** The earlier turn of the same speaker, when recalled. */
  readonly recallOf: string | null;
  /**
   * Each restart of the clock (`timer.reset`), oldest first: the countdown starts again from the
   * planned time, and what was spoken before stays spoken (`spokenAt` adds it). Absent when the
   * clock was never restarted, which keeps views small and reads logs written before restarts
   * were kept.
   */
  readonly restarts?: readonly TurnRestart[];
  readonly corrections: readonly TurnCorrection[];
}

export const REQUEST_STATUSES = [
  'requested',
  'queued',
  'speaking',
  'done',
  'declined',
  'withdrawn',
  'not-heard',
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export interface FloorRequest {
  readonly id: string;
  /** Order of inscription, across the session. */
  readonly seq: number;
  readonly delegation: DelegationRef;
  readonly category: Category;
  readonly kind: RequestKind;
  readonly speakerName: string | null;
  readonly onBehalfOf: DelegationRef | null;
  /** For a question: the panellist's item id. */
  readonly addressedTo: string | null;
  /**
   * For an answer: the item id of the panellist who answers (the request's `delegation` is the
   * panellist's organisation, `speakerName` the panellist).
   */
  readonly panellist: string | null;
  readonly status: RequestStatus;
  readonly requestedAt: number;
  readonly byModerator: boolean;
  /** The device that asked; never shown to anyone but that device and the moderator. */
  readonly deviceKey: string | null;
  /** Why it was declined or not heard. */
  readonly reason: string | null;
  /** Set once the moderator moved it by hand: precedence no longer places it. */
  readonly moved: boolean;
  readonly turnId: string | null;
  readonly segmentId: string | null;
}

export type FloorStatus = 'not-open' | 'open' | 'closed';

export interface FloorState {
  readonly status: FloorStatus;
  readonly floorCode: string | null;
  readonly requests: readonly FloorRequest[];
  /** Ids of the queued requests, in the order they will be heard. */
  readonly queue: readonly string[];
}

export interface StageMessage {
  readonly text: string;
  readonly flash: boolean;
  readonly fullscreen: boolean;
  readonly shownAt: number;
}

export interface StageState {
  readonly blank: boolean;
  /** When the moderator last flashed the stage (displays flash for a few seconds). */
  readonly flashAt: number | null;
}

/** A moderator command that `undo` can revert, with the state before it. */
export interface UndoEntry {
  readonly commandType: string;
  readonly at: number;
  readonly version: number;
  readonly before: SessionState;
  /** Events others sent since (a delegate's request): kept when this command is undone. */
  readonly since: readonly GavelEvent[];
}

export interface SessionState {
  readonly id: string;
  readonly version: number;
  readonly status: SessionStatus;
  readonly meta: ProgrammeMeta;
  readonly segments: readonly LiveSegment[];
  readonly currentSegmentId: string | null;
  readonly currentTurnId: string | null;
  /** The turn a point of order interrupted, which resumes after it. */
  readonly interruptedTurnId: string | null;
  readonly turns: readonly Turn[];
  readonly floor: FloorState;
  readonly message: StageMessage | null;
  /**
   * The moderator's ready-made messages; null until `message.presets` sets them, which means
   * `DEFAULT_MESSAGE_PRESETS` (so a log from before presets could be edited replays the same).
   */
  readonly messagePresets: readonly MessagePreset[] | null;
  readonly stage: StageState;
  readonly startedAt: number | null;
  readonly endedAt: number | null;
  readonly extraDelegations: readonly Delegation[];
  readonly undo: readonly UndoEntry[];
  /** A counter for ids (turns, requests, items); never goes back, not even on undo. */
  readonly seq: number;
}

/** A new session, not started, from a programme. Pure. */
export function initialState(programme: Programme): SessionState {
  const { segments, ...meta } = programme;
  return {
    id: programme.id,
    version: 0,
    status: 'scheduled',
    meta,
    segments: segments.map((segment) => ({
      ...segment,
      items: segment.items.map((item) => ({ ...item, status: 'upcoming' as const })),
      status: 'upcoming' as const,
      startedAt: null,
      endedAt: null,
    })),
    currentSegmentId: null,
    currentTurnId: null,
    interruptedTurnId: null,
    turns: [],
    floor: { status: 'not-open', floorCode: null, requests: [], queue: [] },
    message: null,
    messagePresets: null,
    stage: { blank: false, flashAt: null },
    startedAt: null,
    endedAt: null,
    extraDelegations: [],
    undo: [],
    seq: 0,
  };
}

/** The turn that has the floor now, if any. Pure. */
export function currentTurn(state: SessionState): Turn | null {
  return state.currentTurnId === null ? null : findTurn(state, state.currentTurnId);
}

export function findTurn(state: SessionState, turnId: string): Turn | null {
  return state.turns.find((t) => t.id === turnId) ?? null;
}

export function currentSegment(state: SessionState): LiveSegment | null {
  return state.segments.find((s) => s.id === state.currentSegmentId) ?? null;
}

/** Finds an item and its segment anywhere in the programme. Pure. */
export function findItem(
  state: SessionState,
  itemId: string,
): { segment: LiveSegment; item: LiveItem; index: number } | null {
  for (const segment of state.segments) {
    const index = segment.items.findIndex((i) => i.id === itemId);
    const item = segment.items[index];
    if (item) return { segment, item, index };
  }
  return null;
}

export function findRequest(state: SessionState, requestId: string): FloorRequest | null {
  return state.floor.requests.find((r) => r.id === requestId) ?? null;
}

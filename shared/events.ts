/**
 * Events: what the state machine decided, kept in the log. Each carries its own server time
 * (`at`, epoch ms) and the session version it belongs to (`v`), so replay needs only `evolve`.
 */
import type { Category } from './categories.ts';
import type { Delegation } from './delegations.ts';
import type { LiveItem, FloorRequest, StageMessage, Turn } from './state.ts';
import type { RequestKind } from './programme.ts';

interface Stamp {
  readonly at: number;
  readonly v: number;
  /** Set on events a delegate caused: `undo` of a moderator command keeps them. */
  readonly external?: true;
}

type E<T extends string, P = object> = Stamp & { readonly type: T } & P;

export type SessionChanges = {
  readonly title?: string;
  readonly venue?: string | null;
  readonly plannedStart?: string | null;
  readonly timeZone?: string;
};

export type SegmentChanges = {
  readonly title?: string;
  readonly budgetMs?: number;
  readonly timesMs?: Readonly<Record<RequestKind, number>>;
};

export type GavelEvent =
  | E<'sessionStarted'>
  | E<'sessionSuspended'>
  | E<'sessionResumed'>
  | E<'sessionEnded'>
  | E<'sessionUpdated', { changes: SessionChanges }>
  | E<'segmentEntered', { segmentId: string }>
  | E<'segmentEnded', { segmentId: string; notHeard: readonly string[] }>
  | E<'segmentUpdated', { segmentId: string; changes: SegmentChanges }>
  | E<'turnBegan', { turn: Turn }>
  | E<'turnEnded', { turnId: string }>
  | E<'turnInterrupted', { turnId: string; byTurnId: string }>
  | E<'turnResumed', { turnId: string }>
  | E<'timerStarted', { turnId: string }>
  | E<'timerPaused', { turnId: string }>
  | E<'timerAdjusted', { turnId: string; deltaMs: number }>
  | E<'timerSet', { turnId: string; grantedMs: number }>
  | E<'timerReset', { turnId: string }>
  | E<'itemSkipped', { itemId: string }>
  | E<'itemAdded', { segmentId: string; item: LiveItem; index: number }>
  | E<'itemUpdated', { item: LiveItem }>
  | E<'itemMoved', { itemId: string; segmentId: string; toIndex: number }>
  | E<'itemRemoved', { itemId: string }>
  | E<'messageShown', { message: StageMessage }>
  | E<'messageCleared'>
  | E<'stageBlanked', { on: boolean }>
  | E<'stageFlashed'>
  | E<'floorOpened', { floorCode: string | null }>
  | E<'floorClosed'>
  | E<'floorRequested', { request: FloorRequest }>
  | E<'floorWithdrawn', { requestId: string }>
  | E<'floorApproved', { requestId: string; category: Category }>
  | E<'floorDeclined', { requestId: string; reason: string | null }>
  | E<'floorMoved', { requestId: string; toIndex: number }>
  | E<'floorGiven', { requestId: string; turnId: string; segmentId: string }>
  | E<'delegationAdded', { delegation: Delegation }>
  | E<
      'recordCorrected',
      { turnId: string; startedAt?: number; endedAt?: number; counts?: boolean; note: string }
    >
  | E<'checkpointed', { commandType: string }>
  | E<'undone', { commandType: string }>;

export type EventType = GavelEvent['type'];

/** Distributes Omit over a union, so each event keeps its own fields. */
export type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** An event before it is stamped with its time and version. */
export type EventBody = DistributiveOmit<GavelEvent, 'at' | 'v'>;

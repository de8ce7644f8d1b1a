/**
 * Events: what the state machine decided, kept in the log. Each carries its own server time
 * (`at`, epoch ms) and the session version it belongs to (`v`), so replay needs only `evolve`.
 * Each domain module of `domains/` declares its events beside the commands that cause them and
 * the evolvers that apply them; the union of them all is here.
 */
import type { FloorEvent } from './domains/floor.ts';
import type { ItemEvent } from './domains/item.ts';
import type { RecordEvent } from './domains/record.ts';
import type { SegmentEvent } from './domains/segment.ts';
import type { SessionEvent } from './domains/session.ts';
import type { SpeakerEvent } from './domains/speaker.ts';
import type { StageEvent } from './domains/stage.ts';
import type { TimerEvent } from './domains/timer.ts';
import type { UndoEvent } from './domains/undo.ts';

interface Stamp {
  readonly at: number;
  readonly v: number;
  /** Set on events a delegate caused: `undo` of a moderator command keeps them. */
  readonly external?: true;
}

/** An event of type `T` with its fields `P`, stamped with its time and version. */
export type E<T extends string, P = object> = Stamp & { readonly type: T } & P;

export type GavelEvent =
  | SessionEvent
  | SpeakerEvent
  | SegmentEvent
  | TimerEvent
  | StageEvent
  | ItemEvent
  | FloorEvent
  | RecordEvent
  | UndoEvent;

export type EventType = GavelEvent['type'];

/** Distributes Omit over a union, so each event keeps its own fields. */
export type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** An event before it is stamped with its time and version. */
export type EventBody = DistributiveOmit<GavelEvent, 'at' | 'v'>;

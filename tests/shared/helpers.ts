/**
 * Helpers for the pure tests of `shared/`: the built-in plenary, a small programme, and a driver
 * that runs commands at literal instants and keeps the events it was given.
 */
import { expect } from 'vitest';
import plenaryFile from '../../shared/programmes/asp15-cooperation.json';
import type { Command } from '../../shared/commands.ts';
import type { ErrorCode, GavelError } from '../../shared/errors.ts';
import type { GavelEvent } from '../../shared/events.ts';
import { execute } from '../../shared/machine.ts';
import { parseProgramme, type Programme } from '../../shared/programme.ts';
import type { Actor } from '../../shared/roles.ts';
import { initialState, type SessionState } from '../../shared/state.ts';

/** 17 November 2016, 10:00 in The Hague (09:00 UTC), as epoch ms. */
export const T0 = Date.UTC(2016, 10, 17, 9, 0, 0);
export const SECOND = 1000;
export const MINUTE = 60_000;

export const MODERATOR: Actor = { role: 'moderator' };
export const VIEWER: Actor = { role: 'viewer' };
export const STAGE: Actor = { role: 'stage' };
export const delegate = (deviceKey: string): Actor => ({ role: 'delegate', deviceKey });

/** The raw built-in programme file (a fresh copy each call, safe to mutate). */
export function plenaryJson(): Record<string, unknown> {
  return structuredClone(plenaryFile) as Record<string, unknown>;
}

/** The built-in plenary, parsed. */
export function plenary(): Programme {
  const result = parseProgramme(plenaryJson());
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.programme;
}

/**
 * A small programme: a panel of three (10, 4 and 3 minutes), an open floor, a closing panel of
 * one. Enough for table-driven command tests.
 */
export function smallProgramme(): Programme {
  const result = parseProgramme({
    id: 'small',
    title: 'Small meeting',
    timeZone: 'Europe/Amsterdam',
    segments: [
      {
        id: 'panel',
        kind: 'panel',
        title: 'Panel',
        budget: 20,
        items: [
          { id: 'a', kind: 'presentation', speaker: { name: 'Ana' }, minutes: 10, note: 'secret' },
          { id: 'b', kind: 'presentation', speaker: { name: 'Ben' }, minutes: 4 },
          { id: 'c', kind: 'summary', speaker: { name: 'Cleo' }, minutes: 3 },
        ],
      },
      { id: 'floor', kind: 'floor', title: 'Open floor', budget: 30 },
      {
        id: 'closing',
        kind: 'panel',
        title: 'Closing',
        budget: 5,
        items: [{ id: 'z', kind: 'remarks', speaker: { name: 'Zoe' }, minutes: 5 }],
      },
    ],
  });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.programme;
}

/**
 * A session driven by commands at literal instants. `at` is the current instant; `tick` moves it.
 * Every accepted command's events are kept, so tests can replay them.
 */
export class Driver {
  state: SessionState;
  now: number;
  readonly events: GavelEvent[] = [];
  readonly initial: SessionState;

  constructor(programme: Programme = smallProgramme(), now: number = T0) {
    this.initial = initialState(programme);
    this.state = this.initial;
    this.now = now;
  }

  tick(ms: number): this {
    this.now += ms;
    return this;
  }

  /** Runs a command that must be accepted; returns its events. */
  ok(command: Command, actor: Actor = MODERATOR): readonly GavelEvent[] {
    const result = execute(this.state, command, { now: this.now, actor });
    if (!result.ok) {
      throw new Error(`${command.type} refused: ${result.error.code} ${result.error.message}`);
    }
    this.state = result.state;
    this.events.push(...result.events);
    return result.events;
  }

  /** Runs a command that must be refused with `code`; checks that nothing changed. */
  refused(command: Command, code: ErrorCode, actor: Actor = MODERATOR): GavelError {
    const before = this.state;
    const result = execute(this.state, command, { now: this.now, actor });
    if (result.ok) throw new Error(`${command.type} was accepted, expected ${code}`);
    expect(result.error.code, result.error.message).toBe(code);
    expect(this.state).toBe(before);
    return result.error;
  }

  /** Runs a command and returns the raw result (accepted or not), keeping an accepted one. */
  try(command: Command, actor: Actor = MODERATOR) {
    const result = execute(this.state, command, { now: this.now, actor });
    if (result.ok) {
      this.state = result.state;
      this.events.push(...result.events);
    }
    return result;
  }

  /** The current turn, which must exist. */
  turn() {
    const turn = this.state.turns.find((t) => t.id === this.state.currentTurnId);
    if (!turn) throw new Error('nobody has the floor');
    return turn;
  }

  /** The id of the request inscribed last. */
  lastRequestId(): string {
    const last = this.state.floor.requests[this.state.floor.requests.length - 1];
    if (!last) throw new Error('no request');
    return last.id;
  }
}

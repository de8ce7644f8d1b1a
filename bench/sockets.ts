/**
 * The orchestrator's own sockets (the moderator, a second console, an observer) and the probe
 * that times a console's command acks while something else loads the server.
 */
import { io, type Socket } from 'socket.io-client';
import type { Command } from '../shared/commands.ts';
import type {
  ClientToServerEvents,
  CommandAck,
  Handshake,
  ServerToClientEvents,
  Snapshot,
} from '../shared/protocol.ts';
import { now } from './stats.ts';

export type GavelClient = Socket<ServerToClientEvents, ClientToServerEvents>;

export const SESSION = 'asp15-cooperation';

/** A WebSocket-first socket that gave up on its first failure, resolved with its snapshot. */
export function connect(
  url: string,
  auth: Handshake,
  timeoutMs = 10_000,
): Promise<{ socket: GavelClient; snapshot: Snapshot }> {
  return new Promise((resolve, reject) => {
    const socket: GavelClient = io(url, {
      auth: { ...auth },
      forceNew: true,
      transports: ['websocket'],
      reconnection: false,
      timeout: timeoutMs,
    });
    const timer = setTimeout(() => {
      socket.disconnect();
      reject(new Error(`no snapshot within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    socket.once('session:snapshot', (snapshot) => {
      clearTimeout(timer);
      resolve({ socket, snapshot });
    });
    socket.once('connect_error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

/** Sends one command; rejects when it is refused or unanswered, so setup steps fail loudly. */
export function send(socket: GavelClient, command: Command, timeoutMs = 10_000): Promise<number> {
  return new Promise((resolve, reject) => {
    socket.timeout(timeoutMs).emit('session:command', command, (error: Error | null, ack) => {
      if (error) reject(new Error(`${command.type}: no ack within ${timeoutMs / 1000} s`));
      else if (!ack.ok) reject(new Error(`${command.type} was refused: ${ack.error.message}`));
      else resolve(ack.version);
    });
  });
}

/** What a probe saw. */
export interface ProbeResult {
  readonly roundTripsMs: number[];
  readonly refused: number;
  /** Sent but never answered within the grace period after the probe stopped. */
  readonly unanswered: number;
}

/**
 * A second console pressing a key again as soon as the last one was answered, plus a short gap:
 * the stage message shown, then cleared, again and again. One command in flight at a time, as a
 * person at a console has, so each round trip is the wait the chair would feel at that moment and
 * a slow answer does not pile later ones up behind it. Those commands are logged and acknowledged
 * like any other, and no phone sees them (the message is for the stage and the moderator).
 */
export class Probe {
  private readonly roundTripsMs: number[] = [];
  private refused = 0;
  private inFlight = 0;
  private sent = 0;
  private running = false;
  private timer: NodeJS.Timeout | null = null;
  private drained: (() => void) | null = null;

  constructor(
    private readonly socket: GavelClient,
    private readonly gapMs = 2,
  ) {}

  start(): this {
    this.running = true;
    this.fire();
    return this;
  }

  private fire(): void {
    this.timer = null;
    if (!this.running) return;
    const command: Command =
      this.sent % 2 === 0
        ? { type: 'message.show', text: `Bench ${this.sent}` }
        : { type: 'message.clear' };
    this.sent += 1;
    this.inFlight += 1;
    const sentAt = now();
    this.socket.emit('session:command', command, (ack: CommandAck) => {
      this.roundTripsMs.push(now() - sentAt);
      if (!ack.ok) this.refused += 1;
      this.inFlight -= 1;
      if (this.inFlight === 0) this.drained?.();
      if (this.running) this.timer = setTimeout(() => this.fire(), this.gapMs);
    });
  }

  /** Stops sending and waits (bounded) for the acks still due. */
  async stop(graceMs = 5_000): Promise<ProbeResult> {
    this.running = false;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    if (this.inFlight > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, graceMs);
        this.drained = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    this.drained = null;
    return {
      roundTripsMs: [...this.roundTripsMs],
      refused: this.refused,
      unanswered: this.inFlight,
    };
  }
}

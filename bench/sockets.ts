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

/** Never more than this many commands of a probe in flight: a stalled server bounds the probe. */
const MAX_IN_FLIGHT = 5_000;

/**
 * A console pressing keys every ~2 ms: the stage message shown, then cleared, again and again.
 * Those commands are logged and acknowledged like any other, and no phone sees them (the message
 * is for the stage and the moderator), so they time the command path alone.
 */
export class Probe {
  private readonly roundTripsMs: number[] = [];
  private refused = 0;
  private inFlight = 0;
  private sent = 0;
  private timer: NodeJS.Timeout | null = null;
  private drained: (() => void) | null = null;

  constructor(
    private readonly socket: GavelClient,
    private readonly periodMs = 2,
  ) {}

  start(): this {
    this.fire();
    this.timer = setInterval(() => this.fire(), this.periodMs);
    return this;
  }

  private fire(): void {
    if (this.inFlight >= MAX_IN_FLIGHT) return;
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
    });
  }

  /** Stops sending and waits (bounded) for the acks still due. */
  async stop(graceMs = 5_000): Promise<ProbeResult> {
    if (this.timer !== null) clearInterval(this.timer);
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

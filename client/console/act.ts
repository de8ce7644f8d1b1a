/**
 * How the console commands. Every command carries the version it was pressed on (`guard`); one the
 * state does not allow is not sent (the console shows at once the sentence the server would give,
 * from the same pure rule); one the rate limit slows is sent again after the wait the server
 * names; and time adjustments queue up, so that pressing + three times adds a minute and a half.
 */
import type { Command } from '../../shared/commands.ts';
import { availability } from '../../shared/enablement.ts';
import type { GavelError } from '../../shared/errors.ts';
import type { CommandAck } from '../../shared/protocol.ts';
import { enablementOfView } from '../../shared/views.ts';
import { send } from '../lib/connection.ts';
import { useGavel } from '../lib/store.ts';

/** A command slowed by the server's rate limit is sent again, at most this many times… */
const RATE_LIMIT_RETRIES = 3;
/** …and only when the wait is short enough that it still answers the key just pressed. */
const RATE_LIMIT_MAX_WAIT_MS = 3_000;

/** Shows a refusal the console worked out itself, where the server's refusals show. */
export function showRefusal(commandType: string, error: GavelError): void {
  useGavel.setState({ refusal: { command: commandType, error, at: Date.now() } });
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Resolves once the store holds this version (or gives up: an update may never come offline). */
function versionReached(version: number, timeoutMs = 3_000): Promise<void> {
  return new Promise((resolve) => {
    const reached = () => (useGavel.getState().view?.version ?? -1) >= version;
    if (reached()) return resolve();
    const done = () => {
      clearTimeout(timer);
      unsubscribe();
      resolve();
    };
    const timer = setTimeout(done, timeoutMs);
    const unsubscribe = useGavel.subscribe(() => reached() && done());
  });
}

/**
 * Adjustments add up: + pressed three times means 1:30 more, not one change and two stale
 * refusals. So they go one after the other, each on the version the previous one made.
 */
let adjustments: Promise<unknown> = Promise.resolve();

/** An answer lost with a dropped connection never comes: the next adjustment waits no longer. */
const ADJUSTMENT_WAIT_MS = 5_000;

export function act(command: Command): Promise<CommandAck> {
  if (command.type !== 'timer.adjust') return actNow(command);
  const next = Promise.race([adjustments, pause(ADJUSTMENT_WAIT_MS)]).then(() => actNow(command));
  adjustments = next.catch(() => undefined);
  return next;
}

async function actNow(command: Command): Promise<CommandAck> {
  const view = useGavel.getState().view;
  const refused = view ? availability(enablementOfView(view), command.type) : null;
  if (refused) {
    showRefusal(command.type, refused);
    return { ok: false, error: refused };
  }
  // The version is fixed at the press: a command the rate limit delays must still be refused as
  // stale if the meeting moved on meanwhile, not act on a state the moderator has not seen.
  const guarded: Command =
    view && command.expectedVersion === undefined
      ? { ...command, expectedVersion: view.version }
      : command;
  const sentAt = Date.now();
  let ack = await send(guarded, { guard: true });
  for (let retry = 0; retry < RATE_LIMIT_RETRIES && !ack.ok; retry++) {
    const wait = ack.error.retryAfterMs ?? 1_000;
    if (ack.error.code !== 'rate-limited' || wait > RATE_LIMIT_MAX_WAIT_MS) break;
    // Too many keys too fast is the transport's limit, not the meeting's: wait as told, retry.
    await pause(wait);
    ack = await send(guarded, { guard: true });
  }
  if (ack.ok) await versionReached(ack.version);
  // A refusal shown before this command worked (or its own wait) no longer describes the meeting.
  const shown = useGavel.getState().refusal;
  if (ack.ok && shown && (shown.at <= sentAt || shown.error.code === 'rate-limited')) {
    useGavel.setState({ refusal: null });
  }
  return ack;
}

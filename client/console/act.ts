/**
 * How the console commands. Every command carries the version it was pressed on; one the
 * state does not allow is not sent (the console shows at once the sentence the server would give,
 * from the same pure rule); and time adjustments queue up, so that pressing + three times adds a
 * minute and a half. (The server never rate-limits the moderator's socket.)
 */
import type { Command } from '../../shared/commands.ts';
import { availability } from '../../shared/enablement.ts';
import type { GavelError } from '../../shared/errors.ts';
import type { CommandAck } from '../../shared/protocol.ts';
import { enablementOfView } from '../../shared/views.ts';
import { send } from '../lib/connection.ts';
import { useGavel } from '../lib/store.ts';

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
  // The version is fixed at the press: a command must be refused as stale if the meeting moved
  // on before it arrived, not act on a state the moderator has not seen.
  const guarded: Command =
    view && command.expectedVersion === undefined
      ? { ...command, expectedVersion: view.version }
      : command;
  const sentAt = Date.now();
  const ack = await send(guarded);
  if (ack.ok) await versionReached(ack.version);
  // A refusal shown before this command worked no longer describes the meeting.
  const shown = useGavel.getState().refusal;
  if (ack.ok && shown && shown.at <= sentAt) {
    useGavel.setState({ refusal: null });
  }
  return ack;
}

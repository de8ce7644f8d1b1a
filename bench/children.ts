/**
 * Every process the bench starts, so that a time limit, Ctrl+C or a failure ends them all, each by
 * its own pid. A child of the bench is a real process; nothing here reaches beyond those.
 */
import { fork, type ChildProcess } from 'node:child_process';

const killers = new Set<() => void>();

/** Registers how to kill something at once; returns the way to forget it once it is stopped. */
export function onAbort(kill: () => void): () => void {
  killers.add(kill);
  return () => killers.delete(kill);
}

/** Kills everything still registered (SIGKILL, by pid). Safe to call more than once. */
export function killAll(): void {
  for (const kill of [...killers]) {
    killers.delete(kill);
    try {
      kill();
    } catch {
      // Already gone.
    }
  }
}

/**
 * Forks one of the bench's own TypeScript modules (through tsx) with an IPC channel. Its output
 * goes to the bench's stderr, so that progress and failures show while stdout holds the table.
 */
export function forkModule(file: URL, args: readonly string[]): ChildProcess {
  const child = fork(file, [...args], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const forget = onAbort(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  child.once('exit', forget);
  return child;
}

/**
 * The first message from a child that `pick` accepts; rejects if the child says it failed, exits,
 * or stays silent past the time given.
 */
export function nextMessage<M extends { type: string }, T>(
  child: ChildProcess,
  pick: (message: M) => T | undefined,
  timeoutMs: number,
  what: string,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    const onMessage = (raw: unknown) => {
      const message = raw as M & { message?: string };
      if (message.type === 'failed') {
        done();
        reject(new Error(`${what}: ${message.message ?? 'failed'}`));
        return;
      }
      const picked = pick(message);
      if (picked === undefined) return;
      done();
      resolve(picked);
    };
    const onExit = (code: number | null, signal: string | null) => {
      done();
      reject(new Error(`${what}: the process ended (${signal ?? `exit code ${code}`})`));
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`${what}: no answer within ${Math.round(timeoutMs / 1000)} s`));
    }, timeoutMs);
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

/** Asks a child to end (closing its channel) and kills it if it has not within the time given. */
export async function endChild(child: ChildProcess, graceMs = 3000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  if (child.connected) child.disconnect();
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

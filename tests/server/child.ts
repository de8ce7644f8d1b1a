/** Runs the real command line in a child process, as a person or a service manager would. */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The parent's environment without Gavel's own settings, so a test says all it means. */
function inherited(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (key.startsWith('GAVEL_') || key === 'PORT' || key === 'HOST') delete env[key];
  }
  return env;
}

/** A finished run: its exit code and what it printed. */
export interface Finished {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

const running = new Set<GavelProcess>();

/** Kills whatever a failed test left running: no server outlives the test file. */
export function killLeftovers(): void {
  for (const child of running) child.kill('SIGKILL');
}

/** A running `gavel` process. */
export class GavelProcess {
  stdout = '';
  stderr = '';
  readonly exited: Promise<Finished>;
  private readonly child: ChildProcess;

  constructor(args: readonly string[], env: Record<string, string> = {}) {
    this.child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', ...args], {
      cwd: ROOT,
      env: { ...inherited(), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout?.setEncoding('utf8').on('data', (d: string) => (this.stdout += d));
    this.child.stderr?.setEncoding('utf8').on('data', (d: string) => (this.stderr += d));
    running.add(this);
    this.exited = new Promise((resolve) => {
      this.child.on('close', (code, signal) => {
        running.delete(this);
        resolve({ code, signal, stdout: this.stdout, stderr: this.stderr });
      });
    });
  }

  /** Resolves with the port once the server has printed its links; rejects if it exits first. */
  listening(): Promise<number> {
    return new Promise((resolve, reject) => {
      const look = () => {
        const match = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(this.stdout);
        if (match && this.stdout.includes('Press Ctrl+C to stop.')) {
          this.child.stdout?.off('data', look);
          resolve(Number(match[1]));
        }
      };
      this.child.stdout?.on('data', look);
      look();
      void this.exited.then((f) => reject(new Error(`gavel exited (${f.code}): ${f.stderr}`)));
    });
  }

  kill(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }
}

/** Runs `gavel …` to its end. */
export function runGavel(
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<Finished> {
  return new GavelProcess(args, env).exited;
}

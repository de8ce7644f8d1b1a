/**
 * The peer row: the same HTTP-command-to-observer latency measured in Ontime, by
 * `bench/peers/ontime.ts` (kept apart; it needs an Ontime checkout named by ONTIME_DIR). It prints
 * one line of JSON; anything else it prints is passed on as progress.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { onAbort } from './children.ts';
import { ROOT } from './server.ts';

export type PeerResult =
  | {
      readonly peer: string;
      readonly version: string;
      readonly p50Ms: number;
      readonly p90Ms: number;
      readonly samples: number;
    }
  | { readonly peer: string; readonly skipped: string };

const SCRIPT = fileURLToPath(new URL('./peers/ontime.ts', import.meta.url));

const HOW_TO_ENABLE =
  'set ONTIME_DIR to an Ontime checkout to measure it too (bench/peers/ontime.ts)';

/** Runs the Ontime peer when ONTIME_DIR is set; otherwise, or on failure, says why it was skipped. */
export async function runOntime(samples: number, timeoutMs: number): Promise<PeerResult> {
  const peer = 'ontime';
  if (!process.env.ONTIME_DIR) return { peer, skipped: `ONTIME_DIR is not set: ${HOW_TO_ENABLE}` };
  if (!existsSync(SCRIPT)) return { peer, skipped: 'bench/peers/ontime.ts is not there yet' };
  const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT, '--samples', String(samples)], {
    cwd: ROOT,
    env: process.env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const forget = onAbort(() => child.kill('SIGKILL'));
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  clearTimeout(timer);
  forget();

  for (const line of stdout.trim().split('\n').reverse()) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      continue;
    }
    const p = parsed as Record<string, unknown>;
    if (p.peer !== peer) continue;
    if (typeof p.skipped === 'string') return { peer, skipped: p.skipped };
    if (
      typeof p.p50Ms === 'number' &&
      typeof p.p90Ms === 'number' &&
      typeof p.samples === 'number'
    ) {
      return {
        peer,
        version: typeof p.version === 'string' ? p.version : 'unknown',
        p50Ms: p.p50Ms,
        p90Ms: p.p90Ms,
        samples: p.samples,
      };
    }
  }
  const how =
    code === null ? `was stopped after ${Math.round(timeoutMs / 1000)} s` : `exited ${code}`;
  return { peer, skipped: `bench/peers/ontime.ts ${how} without a line of results` };
}

/**
 * The HTTP row: a command POSTed as an AV tool would (moderator token, keep-alive), timed from the
 * send to the moment an observer's socket has the `session:update` it causes.
 */
import { Agent, request } from 'node:http';
import type { Command } from '../shared/commands.ts';
import type { GavelClient } from './sockets.ts';
import { now, sleep, spread, type Spread } from './stats.ts';

export interface HttpOptions {
  readonly url: string;
  readonly session: string;
  readonly moderatorToken: string;
  readonly observer: GavelClient;
  readonly samples: number;
}

export interface HttpResult {
  /** Send to the observer's update. */
  readonly toObserver: Spread;
  /** Send to the HTTP response, for comparison. */
  readonly response: Spread;
  /** 429s met (and waited out): the server allows an address 20 commands a second. */
  readonly rateLimited: number;
}

/** Samples are spaced so a steady run stays under the HTTP API's 20 commands/s per address. */
const SPACING_MS = 55;
const SAMPLE_TIMEOUT_MS = 5_000;

function post(
  agent: Agent,
  url: URL,
  token: string,
  body: string,
): Promise<{ status: number; json: { ok?: boolean; version?: number }; retryAfterS: number }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        timeout: SAMPLE_TIMEOUT_MS,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          try {
            resolve({
              status: res.statusCode ?? 0,
              json: JSON.parse(text) as { ok?: boolean; version?: number },
              retryAfterS: Number(res.headers['retry-after'] ?? 1),
            });
          } catch (error) {
            reject(error instanceof Error ? error : new Error(String(error)));
          }
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('no HTTP response within 5 s')));
    req.on('error', reject);
    req.end(body);
  });
}

export async function measureHttp(options: HttpOptions): Promise<HttpResult> {
  const { observer, samples } = options;
  const url = new URL(`/api/sessions/${options.session}/commands`, options.url);
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  // Every update the observer gets, by version, with its time.
  const seen: { version: number; at: number }[] = [];
  let waiting: (() => void) | null = null;
  const onUpdate = (update: { version: number }) => {
    seen.push({ version: update.version, at: now() });
    waiting?.();
  };
  observer.on('session:update', onUpdate);
  const updateAt = async (version: number): Promise<number> => {
    const deadline = now() + SAMPLE_TIMEOUT_MS;
    for (;;) {
      const hit = seen.find((s) => s.version >= version);
      if (hit) return hit.at;
      if (now() > deadline) throw new Error(`the observer never had version ${version}`);
      await new Promise<void>((resolve) => {
        waiting = resolve;
        setTimeout(resolve, 50);
      });
      waiting = null;
    }
  };

  const toObserverMs: number[] = [];
  const responseMs: number[] = [];
  let rateLimited = 0;
  try {
    for (let i = 0; i < samples; i++) {
      // A change every phone sees, and that undoes itself over two samples.
      const command: Command = { type: 'timer.adjust', deltaMs: i % 2 === 0 ? 1000 : -1000 };
      const body = JSON.stringify(command);
      const sentAt = now();
      const res = await post(agent, url, options.moderatorToken, body);
      const respondedAt = now();
      if (res.status === 429 && rateLimited < samples) {
        rateLimited += 1;
        await sleep(res.retryAfterS * 1000);
        i -= 1;
        continue;
      }
      if (res.status !== 200 || res.json.ok !== true || typeof res.json.version !== 'number') {
        throw new Error(`POST ${command.type} answered ${res.status}: ${JSON.stringify(res.json)}`);
      }
      toObserverMs.push((await updateAt(res.json.version)) - sentAt);
      responseMs.push(respondedAt - sentAt);
      seen.length = 0;
      await sleep(Math.max(0, SPACING_MS - (now() - sentAt)));
    }
  } finally {
    observer.off('session:update', onUpdate);
    agent.destroy();
  }
  return { toObserver: spread(toObserverMs), response: spread(responseMs), rateLimited };
}

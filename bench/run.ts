/**
 * `npm run bench`: every row of issue 11's table in one run, against a real `gavel serve` child
 * process on 127.0.0.1, printed as a table and written as JSON. Phones are real Socket.IO viewers
 * in several child processes; the moderator, a second console and an observer are sockets here.
 * Times are printed, never judged. Bounded: a global time limit kills every child it started and
 * exits non-zero.
 *
 *   npm run bench                                  1,000, 5,000 and 10,000 phones, 7 runs each
 *   npm run bench -- --phones 2000 --runs 9 --clients 2
 *   npm run bench -- --server-args "--workers 4"   appended to the serve command
 *   npm run bench -- --quick --json /tmp/b.json    50 phones, 2 runs: a smoke test
 *
 * Order: one server for the whole run. The rows that need a quiet server come first (pages,
 * joining bytes, HTTP, the flood), then the phones are added in steps (1,000, then 4,000 more…),
 * each step measured before the next.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { killAll } from './children.ts';
import { Crowd } from './crowd.ts';
import { measureFanOut, NextSpeaker, type FanOutResult } from './fanOut.ts';
import { measureFlood } from './flood.ts';
import { measureCrossNode } from './crossNode.ts';
import { measureHttp } from './httpLatency.ts';
import { measureJoin } from './joinBytes.ts';
import { readOptions, wholeNumber } from './options.ts';
import { measurePages } from './pages.ts';
import { runOntime } from './peer.ts';
import { formatReport, type BenchResult } from './report.ts';
import { ROOT, startServer, type RunningServer } from './server.ts';
import { connect, Probe, send, SESSION, type GavelClient } from './sockets.ts';
import { now, sleep, spread } from './stats.ts';

const HELP = `npm run bench -- [options]

  --phones N,N,…        phone counts, measured in ascending order on one server (1000,5000,10000)
  --runs R              measured "next speaker" runs per count, after one warm-up (7)
  --clients K           child processes the phones are spread over (4)
  --json FILE           where the figures go as JSON (dist/bench.json)
  --server-args "…"     appended to "gavel serve" (e.g. "--workers 4")
  --time-limit S        seconds before the bench kills everything and fails (900; 90 with --quick)
  --quick               50 phones, 2 runs, 1 client process, a 1 s flood, 30 HTTP samples
`;

/** Splits `--server-args` as a shell would split simple words, with quotes kept together. */
function splitArgs(text: string): string[] {
  const words: string[] = [];
  for (const match of text.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)) {
    words.push(match[1] ?? match[2] ?? match[3] ?? '');
  }
  return words;
}

function options() {
  const values = readOptions(
    {
      phones: { type: 'string' },
      runs: { type: 'string' },
      clients: { type: 'string' },
      json: { type: 'string' },
      'server-args': { type: 'string' },
      'time-limit': { type: 'string' },
      quick: { type: 'boolean', default: false },
    },
    HELP,
  );
  const quick = values.quick === true;
  const phones = [
    ...new Set(
      (values.phones ?? (quick ? '50' : '1000,5000,10000'))
        .split(',')
        .map((p) => wholeNumber('phones', p.trim(), 0)),
    ),
  ].sort((a, b) => a - b);
  return {
    quick,
    phones,
    runs: wholeNumber('runs', values.runs, quick ? 2 : 7),
    clients: wholeNumber('clients', values.clients, quick ? 1 : 4),
    json: values.json === undefined ? resolve(ROOT, 'dist/bench.json') : resolve(values.json),
    serverArgs: splitArgs(values['server-args'] ?? ''),
    timeLimitMs: wholeNumber('time-limit', values['time-limit'], quick ? 90 : 900) * 1000,
    floodMs: quick ? 1000 : 3000,
    httpSamples: quick ? 30 : 200,
    settleMs: quick ? 3000 : 15_000,
  };
}

/** This process's soft limit of open files, which the server inherits; null if unknown. */
function openFilesLimit(): number | null {
  try {
    const limits = readFileSync('/proc/self/limits', 'utf8');
    const soft = /^Max open files\s+(\d+)/m.exec(limits)?.[1];
    return soft === undefined ? null : Number(soft);
  } catch {
    return null;
  }
}

const log = (line: string) => process.stderr.write(`${line}\n`);

async function main(): Promise<void> {
  const opts = options();
  const startedAt = now();
  const startedIso = new Date().toISOString();
  const loadBefore = loadavg();
  const deadline = startedAt + opts.timeLimitMs;
  const guard = setTimeout(() => {
    log(`bench: stopped at the time limit (${opts.timeLimitMs / 1000} s); its children are killed`);
    killAll();
    process.exit(2);
  }, opts.timeLimitMs);
  process.once('SIGINT', () => {
    killAll();
    process.exit(130);
  });

  const files = openFilesLimit();
  const most = opts.phones[opts.phones.length - 1] ?? 0;
  if (files !== null && most + 200 > files) {
    log(`bench: ${most} phones need more than the ${files} open files a process may have here`);
  }
  log('bench: starting the server');
  const server: RunningServer = await startServer({
    extraArgs: opts.serverArgs,
    startTimeoutMs: 30_000,
  });
  const sockets: GavelClient[] = [];
  let crowd: Crowd | null = null;
  try {
    const token = { session: SESSION, token: server.moderatorToken };
    const moderator = await connect(server.url, token);
    const secondConsole = await connect(server.url, token);
    const observer = await connect(server.url, { session: SESSION });
    sockets.push(moderator.socket, secondConsole.socket, observer.socket);

    log('bench: page loads');
    const pages = await measurePages(server.url, SESSION);
    log('bench: a joining phone');
    const join = await measureJoin(server.url, SESSION);

    // A live session with a speaker: the timer commands of the HTTP row need a turn.
    if (moderator.snapshot.view.status === 'scheduled') {
      await send(moderator.socket, { type: 'session.start' });
    }
    const nextSpeaker = NextSpeaker.of(moderator.snapshot.view);
    await nextSpeaker.send(moderator.socket);

    log(`bench: ${opts.httpSamples} HTTP commands`);
    const http = await measureHttp({
      url: server.url,
      session: SESSION,
      moderatorToken: server.moderatorToken,
      observer: observer.socket,
      samples: opts.httpSamples,
    });
    log('bench: the Ontime peer');
    const peer = await runOntime(
      opts.httpSamples,
      Math.max(10_000, Math.min(300_000, deadline - now() - 60_000)),
    );

    log('bench: a console alone');
    // The same probe as during the fan-outs, with nothing else going on: what a command costs.
    const alone = new Probe(secondConsole.socket).start();
    await sleep(opts.quick ? 500 : 3000);
    const quietAck = spread((await alone.stop()).roundTripsMs);

    log('bench: a second node, when the log is in PostgreSQL');
    const crossNode = await measureCrossNode({
      serverArgs: opts.serverArgs,
      observer: observer.socket,
      samples: opts.httpSamples,
    });

    log(`bench: a ${opts.floodMs / 1000} s flood from one device`);
    const flood = await measureFlood({
      url: server.url,
      session: SESSION,
      moderator: moderator.socket,
      sockets: 20,
      durationMs: opts.floodMs,
      ratePerSecond: 25_000,
    });

    log('bench: the server memory with no phones');
    const baselineRssBytes = await server.settledRssBytes(opts.settleMs);
    crowd = Crowd.start(server.url, SESSION, opts.clients, opts.timeLimitMs + 30_000);
    const fanOut: FanOutResult[] = [];
    for (const phones of opts.phones) {
      log(`bench: ${phones} phones, ${opts.runs} runs`);
      fanOut.push(
        await measureFanOut({
          server,
          crowd,
          phones,
          runs: opts.runs,
          moderator: moderator.socket,
          console: secondConsole.socket,
          nextSpeaker,
          baselineRssBytes,
          settleMs: opts.settleMs,
          log,
        }),
      );
    }

    const result: BenchResult = {
      startedAt: startedIso,
      node: process.version,
      cpus: availableParallelism(),
      options: {
        phones: opts.phones,
        runs: opts.runs,
        clients: opts.clients,
        quick: opts.quick,
        serverArgs: opts.serverArgs,
      },
      server: { command: server.command, processes: server.processNames() },
      durationMs: now() - startedAt,
      fanOut,
      flood,
      http,
      peer,
      quietAck,
      crossNode,
      pages,
      join,
      baselineRssBytes,
      loadAverage: { before: loadBefore, after: loadavg() },
    };
    mkdirSync(dirname(opts.json), { recursive: true });
    writeFileSync(opts.json, `${JSON.stringify(result, null, 2)}\n`);
    process.stdout.write(`${formatReport(result).join('\n')}\n\nJSON: ${opts.json}\n`);
  } catch (error) {
    log(`bench: the server's last words:\n${server.output().slice(-2000)}`);
    throw error;
  } finally {
    for (const socket of sockets) socket.disconnect();
    await crowd?.close();
    await server.stop();
    clearTimeout(guard);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    log(`bench: ${error instanceof Error ? error.message : String(error)}`);
    killAll();
    process.exit(1);
  },
);

/**
 * What one bench run found, as JSON and as the table of issue 11: each row with what was measured,
 * the figure the issue started from, the goal, and the ratio of the two (informative only: the
 * bench never passes or fails on a time).
 */
import type { CrossNodeResult } from './crossNode.ts';
import type { FanOutResult } from './fanOut.ts';
import type { FloodResult } from './flood.ts';
import type { HttpResult } from './httpLatency.ts';
import type { JoinResult } from './joinBytes.ts';
import type { PageResult, PagesResult } from './pages.ts';
import type { PeerResult } from './peer.ts';
import { count, kb, mb, ms, ratio, type Spread } from './stats.ts';

export interface BenchResult {
  readonly startedAt: string;
  readonly node: string;
  readonly cpus: number;
  readonly options: {
    readonly phones: readonly number[];
    readonly runs: number;
    readonly clients: number;
    readonly quick: boolean;
    readonly serverArgs: readonly string[];
  };
  readonly server: { readonly command: string; readonly processes: readonly string[] };
  readonly durationMs: number;
  readonly fanOut: readonly FanOutResult[];
  readonly flood: FloodResult;
  readonly http: HttpResult;
  readonly peer: PeerResult;
  /** The second console's acks with nothing else going on. */
  readonly quietAck: Spread;
  readonly crossNode: CrossNodeResult;
  readonly pages: PagesResult;
  readonly join: JoinResult;
  /** The server's memory with no phones connected, after a collection. */
  readonly baselineRssBytes: number;
  /** The machine's 1, 5 and 15 min load averages: a shared machine's timings are only as good. */
  readonly loadAverage: { readonly before: readonly number[]; readonly after: readonly number[] };
}

interface Row {
  readonly what: string;
  readonly measured: string;
  readonly then?: string;
  readonly goal?: string;
  readonly vsGoal?: string;
}

const pcts = (s: Spread, which: readonly ('p50' | 'p90' | 'p95' | 'p99' | 'max')[]) =>
  `${which.map((w) => `${w} ${ms(s[`${w}Ms`])}`).join('  ')}  (n=${count(s.samples)})`;

const pageBytes = (p: PageResult) =>
  `br ${kb(p.bytes.br)}  gzip ${kb(p.bytes.gzip)}  none ${kb(p.bytes.identity)}  (${p.files.length} files, ${p.compressedFiles.br} sent compressed; words in ${p.lang}, the heaviest)`;

function rows(r: BenchResult): Row[] {
  const out: Row[] = [];
  const largest = r.fanOut[r.fanOut.length - 1];
  const at = largest ? ` at ${count(largest.phones)}` : '';

  r.fanOut.forEach((f, i) => {
    out.push({
      what:
        i === 0
          ? `1 console ack during "next speaker", ${count(f.phones)} phones`
          : `  ${count(f.phones)} phones`,
      measured: `${pcts(f.consoleAck, ['p50', 'p90', 'p99', 'max'])}; last phone then p50 ${ms(f.probedLastPhone.p50Ms)}`,
      ...(i === 0 ? { then: 'p50 103 ms at 5,000', goal: 'p99 ≤ 10 ms at 10,000' } : {}),
      ...(f === largest ? { vsGoal: `${ratio(f.consoleAck.p99Ms, 10)}${at}` } : {}),
    });
  });

  const fl = r.flood;
  out.push({
    what: `2 moderator ack during a ${fl.sockets}-socket flood`,
    measured: pcts(fl.moderatorAck, ['p50', 'p95', 'p99', 'max']),
    then: 'p95 936 ms',
    goal: 'p99 ≤ 20 ms',
    vsGoal: ratio(fl.moderatorAck.p99Ms, 20),
  });
  const acks = Object.entries(fl.acks)
    .map(([code, n]) => `${code} ${count(n)}`)
    .join(', ');
  out.push({
    what: '  flooding sockets cut off',
    measured:
      fl.cutOffMs === null
        ? `${fl.socketsCutOff} of ${fl.sockets} within the ${(fl.floodMs / 1000).toFixed(1)} s flood`
        : `all ${fl.sockets} within ${ms(fl.cutOffMs)}`,
    goal: 'within 1 s',
    vsGoal: ratio(fl.cutOffMs, 1000),
  });
  out.push({
    what: '  the flood itself',
    measured: `${count(Math.round(fl.requestsPerSecond))} requests/s sent (${count(fl.requestsSent)}); acks: ${acks || 'none'}; rejoin ${fl.rejoin}`,
  });

  out.push({
    what: '3 HTTP command → observer update',
    measured: `${pcts(r.http.toObserver, ['p50', 'p90'])}; HTTP response p50 ${ms(r.http.response.p50Ms)}`,
    then: '10.5 ms',
    goal: '≤ 2 ms',
    vsGoal: ratio(r.http.toObserver.p90Ms, 2),
  });
  const peer = r.peer;
  out.push(
    'skipped' in peer
      ? { what: `  ${peer.peer} (peer)`, measured: `skipped: ${peer.skipped}` }
      : {
          what: `  ${peer.peer} ${peer.version} (peer)`,
          measured: `p50 ${ms(peer.p50Ms)}  p90 ${ms(peer.p90Ms)}  (n=${count(peer.samples)}); Gavel/${peer.peer}: p50 ${ratio(r.http.toObserver.p50Ms, peer.p50Ms)}, p90 ${ratio(r.http.toObserver.p90Ms, peer.p90Ms)}`,
        },
  );

  out.push({
    what: "  a console's command ack, nothing else going on",
    measured: pcts(r.quietAck, ['p50', 'p90', 'p99']),
    goal: '≤ 3 ms p50 on PostgreSQL (issue 12)',
  });
  const cross = r.crossNode;
  out.push(
    'skipped' in cross
      ? { what: "  node B's ack → a phone on node A", measured: `skipped: ${cross.skipped}` }
      : {
          what: "  node B's ack → a phone on node A",
          measured: pcts(cross.ackToPhone, ['p50', 'p90', 'p99']),
          goal: '≤ 5 ms p50 (issue 12)',
          vsGoal: ratio(cross.ackToPhone.p50Ms, 5),
        },
  );

  if ('skipped' in r.pages) {
    out.push({
      what: '4 first load, live and stage pages',
      measured: `skipped: ${r.pages.skipped}`,
    });
  } else {
    out.push({
      what: '4 first load, live page',
      measured: pageBytes(r.pages.live),
      then: '312 KB none',
      goal: '≤ 80 KB',
      vsGoal: `${ratio(r.pages.live.bytes.br, 80_000)} (br)`,
    });
    out.push({
      what: '  first load, stage page',
      measured: pageBytes(r.pages.stage),
      goal: '≤ 100 KB',
      vsGoal: `${ratio(r.pages.stage.bytes.br, 100_000)} (br)`,
    });
  }

  const j = r.join;
  out.push({
    what: '5 bytes per joining phone',
    measured: `${kb(j.totalBytes)}: upgrade ${count(j.upgradeBytes)} B + frames ${count(j.frameBytes)} B (${j.packets} packets, ${j.snapshot} snapshot, ${j.deflate ? 'permessage-deflate' : 'no permessage-deflate'})`,
    then: '6.2 KB',
    goal: '≤ 4 KB',
    vsGoal: ratio(j.totalBytes, 4000),
  });

  r.fanOut.forEach((f, i) => {
    out.push({
      what:
        i === 0
          ? `6 server RSS per phone, ${count(f.phones)} phones`
          : `  ${count(f.phones)} phones`,
      measured: `${kb(f.rssPerPhoneBytes)}  (RSS ${mb(f.serverRssBytes)}, ${mb(r.baselineRssBytes)} with none)`,
      ...(i === 0 ? { then: '14.9 KB', goal: '≤ 8 KB' } : {}),
      ...(f === largest ? { vsGoal: `${ratio(f.rssPerPhoneBytes, 8000)}${at}` } : {}),
    });
  });

  r.fanOut.forEach((f, i) => {
    out.push({
      what:
        i === 0
          ? `7 "next speaker" → phones, ${count(f.phones)} phones`
          : `  ${count(f.phones)} phones`,
      measured: `first p50 ${ms(f.firstPhone.p50Ms)} max ${ms(f.firstPhone.maxMs)};  last p50 ${ms(f.lastPhone.p50Ms)} max ${ms(f.lastPhone.maxMs)}  (${f.runs} quiet runs; CPU: server ${ms(f.serverCpuMs)}, phones ${ms(f.phonesCpuMs)}; update ${count(f.updateBytes)} B)`,
      ...(i === 0 ? { then: '216–434 ms at 10,000', goal: '≤ 250 ms' } : {}),
      ...(f === largest ? { vsGoal: `${ratio(f.lastPhone.maxMs, 250)} (last, max)${at}` } : {}),
    });
  });
  return out;
}

/** The table as lines of text, columns padded to fit. */
export function formatReport(r: BenchResult): string[] {
  const head: Row = {
    what: 'what',
    measured: 'measured',
    then: 'issue 11',
    goal: 'goal',
    vsGoal: 'vs goal',
  };
  const table = [head, ...rows(r)];
  const cells = (row: Row) => [
    row.what,
    row.measured,
    row.then ?? '',
    row.goal ?? '',
    row.vsGoal ?? '',
  ];
  const widths = [0, 1, 2, 3, 4].map((c) =>
    Math.max(...table.map((row) => cells(row)[c]?.length ?? 0)),
  );
  const line = (row: Row) =>
    cells(row)
      .map((cell, c) => cell.padEnd(widths[c] ?? 0))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  const load = (l: readonly number[]) => l.map((v) => v.toFixed(1)).join(' ');
  return [
    `Gavel bench, ${r.startedAt}: node ${r.node}, ${r.cpus} CPUs, ${(r.durationMs / 1000).toFixed(0)} s; load average ${load(r.loadAverage.before)} before, ${load(r.loadAverage.after)} after`,
    `server: ${r.server.command}; its processes: ${r.server.processes.join(', ')}`,
    `phones: ${r.options.phones.map(count).join(', ')} in ${r.options.clients} process${r.options.clients === 1 ? '' : 'es'}; per count ${r.options.runs} runs after a warm-up, each a quiet "next speaker" and one with a second console pressing again 2 ms after each answer`,
    'KB = 1,000 bytes; percentiles by nearest rank; "vs goal" = measured / goal (above 1: not there yet)',
    '',
    line(head),
    rule,
    ...table.slice(1).map(line),
  ];
}

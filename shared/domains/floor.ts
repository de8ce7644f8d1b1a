/**
 * The list of speakers of an open floor: opening and closing it, requests for the floor and what
 * the moderator does with them (approve, decline, move, give the floor), and the delegations a
 * session adds to the shipped list. Pure.
 */
import { z } from 'zod';
import type { E } from '../events.ts';
import { CATEGORIES, categoryRank, type Category } from '../categories.ts';
import { DELEGATIONS, type Delegation } from '../delegations.ts';
import { foldName } from '../fold.ts';
import { pick } from '../localText.ts';
import {
  DEFAULT_REQUEST_TIMES_MS,
  Id,
  REQUEST_KINDS,
  resolveThresholds,
  type RequestKind,
} from '../programme.ts';
import type { GavelError } from '../errors.ts';
import { refuse } from '../refusals.ts';
import {
  currentSegment,
  currentTurn,
  findItem,
  findRequest,
  type DelegationRef,
  type FloorRequest,
  type LiveItem,
  type LiveSegment,
  type SessionState,
} from '../state.ts';
import { cmd, Index, start, text } from './fields.ts';
import {
  defineCommand,
  defineEvolvers,
  DELEGATE_OR_FLOOR_STAFF,
  dequeue,
  invalid,
  lookupDelegation,
  FLOOR_STAFF,
  atTheChair,
  mapRequest,
  needLive,
  notAllowed,
  onTheDay,
  refOf,
  requestNotFound,
  type Context,
  type Draft,
  type Outcome,
} from './kit.ts';
import { beginTurn, endCurrentTurn, freshItemId, speakerDelegation } from './turns.ts';

export type FloorEvent =
  | E<'floorOpened', { floorCode: string | null }>
  | E<'floorClosed'>
  | E<'floorRequested', { request: FloorRequest }>
  | E<'floorWithdrawn', { requestId: string }>
  | E<'floorApproved', { requestId: string; category: Category }>
  | E<'floorDeclined', { requestId: string; reason: string | null }>
  | E<'floorMoved', { requestId: string; toIndex: number }>
  | E<'floorGiven', { requestId: string; turnId: string; segmentId: string }>
  | E<'delegationAdded', { delegation: Delegation }>;

/** A device may ask for the floor once per this many ms. */
export const REQUEST_INTERVAL_MS = 10_000;
/** A device may hold at most this many open requests. */
export const MAX_OPEN_REQUESTS_PER_DEVICE = 3;
/** Rights of reply per delegation per session. */
export const MAX_REPLIES_PER_DELEGATION = 2;

const OPEN_REQUEST: ReadonlySet<string> = new Set(['requested', 'queued', 'speaking']);
const WAITING: ReadonlySet<string> = new Set(['requested', 'queued']);

/**
 * Whose request it is, for the rules of one request per kind and of the rights of reply: the
 * panellist, for an answer (two may share an organisation); else the delegation. Pure.
 */
function ownerOf(r: Pick<FloorRequest, 'delegation' | 'panellist'>): string {
  return r.panellist ?? r.delegation.id ?? r.delegation.en.toLowerCase();
}

/** A right of reply counts as used unless it was declined or withdrawn. */
function usesReply(r: FloorRequest): boolean {
  return r.kind === 'reply' && r.status !== 'declined' && r.status !== 'withdrawn';
}

const DelegationInput = text(120);
const FloorCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9]{3,12}$/, { message: 'must be 3 to 12 letters or digits' });

const FloorRequestCommand = cmd('floor.request', {
  delegation: DelegationInput,
  speakerName: text(120).optional(),
  kind: z.enum(REQUEST_KINDS),
  onBehalfOf: DelegationInput.optional(),
  addressedTo: Id.optional(),
  category: z.enum(CATEGORIES).optional(),
  floorCode: z.string().max(40).optional(),
});

/* ------------------------------------------------------------------------------------------ */
/* Delegations and precedence                                                                 */
/* ------------------------------------------------------------------------------------------ */

/**
 * A delegation typed by name ("France", "Côte d'Ivoire", "Allemagne") is the listed one, so it
 * gets its category and counts as itself for the one-open-request rule.
 */
function findByName(state: SessionState, name: string): Delegation | undefined {
  const wanted = foldName(name);
  const match = (d: Delegation) => foldedNames(d).includes(wanted);
  const added = state.extraDelegations.find(match);
  if (added) return added;
  const listed = DELEGATIONS.find(match);
  return listed && onTheDay(state, listed);
}

/**
 * A delegation's English and French names folded, worked out once per delegation: a name typed
 * is looked for among some two hundred, on every request for the floor. Delegations are never
 * changed once made, so what is remembered stays true.
 */
function foldedNames(d: Delegation): readonly string[] {
  let names = FOLDED.get(d);
  if (names === undefined) {
    names = [foldName(d.en), foldName(d.fr)];
    FOLDED.set(d, names);
  }
  return names;
}
const FOLDED = new WeakMap<Delegation, readonly string[]>();

/** A delegation id from the lists, or free text: then its id is null and its category `other`. */
function resolveDelegation(
  state: SessionState,
  input: string,
): { ref: DelegationRef; category: Category } {
  const known =
    lookupDelegation(state, input) ??
    lookupDelegation(state, input.toLowerCase()) ??
    findByName(state, input);
  if (known) return { ref: refOf(known), category: known.category };
  return { ref: { id: null, en: input, fr: input }, category: 'other' };
}

/**
 * The precedence of a queued request: points of order, answers, statements and questions by
 * category, replies. An answer is placed by its questions (`placeAnswer`); its rank here keeps the
 * requests queued after it from passing it.
 */
function precedence(r: FloorRequest): readonly [number, number, number] {
  switch (r.kind) {
    case 'point-of-order':
      return [0, 0, r.seq];
    case 'answer':
      return [1, 0, r.seq];
    case 'statement':
    case 'question':
      return [2, categoryRank(r.category), r.seq];
    case 'reply':
      return [3, 0, r.seq];
    default: {
      r.kind satisfies never;
      return [9, 0, r.seq];
    }
  }
}

function before(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x < y;
  }
  return false;
}

/**
 * Places a newly queued request: after every request not moved by hand that comes before it
 * (answers aside: they follow their questions), then before the first such request it precedes,
 * else at the end. Requests the moderator moved keep their places, and a request waiting behind
 * one of them is never overtaken by a later one of its kind (an older point of order behind a
 * moved statement stays ahead of a newer one). Pure.
 */
function insertByPrecedence(
  queue: readonly string[],
  requests: readonly FloorRequest[],
  request: FloorRequest,
): string[] {
  const key = precedence(request);
  const out = queue.filter((id) => id !== request.id);
  const ranked = (id: string) => {
    const other = requests.find((r) => r.id === id);
    return other !== undefined && !other.moved ? other : undefined;
  };
  let ahead = -1;
  out.forEach((id, i) => {
    const other = ranked(id);
    if (other && other.kind !== 'answer' && before(precedence(other), key)) ahead = i;
  });
  const at = out.findIndex((id, i) => {
    const other = ranked(id);
    return i > ahead && other !== undefined && before(key, precedence(other));
  });
  if (at === -1) out.push(request.id);
  else out.splice(at, 0, request.id);
  return out;
}

/**
 * True when `answer` answers `question`: a question to the answering panellist, inscribed before
 * the answer and after that panellist's previous answer (declined and withdrawn ones aside), as
 * `answersDue` counts them. Pure.
 */
function answers(
  answer: FloorRequest,
  question: FloorRequest,
  requests: readonly FloorRequest[],
): boolean {
  if (answer.kind !== 'answer' || question.kind !== 'question') return false;
  if (answer.panellist == null || question.addressedTo !== answer.panellist) return false;
  if (question.seq > answer.seq) return false;
  return !requests.some(
    (r) =>
      r.kind === 'answer' &&
      r.panellist === answer.panellist &&
      r.status !== 'declined' &&
      r.status !== 'withdrawn' &&
      r.seq > question.seq &&
      r.seq < answer.seq,
  );
}

/**
 * Places an answer: an answer belongs right after the questions it answers. It goes right after
 * the last of them still on the list; when they have all been heard, at the head of the list,
 * after the points of order and answers already there (requests moved by hand do not push it
 * back). Pure.
 */
function placeAnswer(
  queue: readonly string[],
  requests: readonly FloorRequest[],
  answer: FloorRequest,
): string[] {
  const out = queue.filter((id) => id !== answer.id);
  const find = (id: string) => requests.find((r) => r.id === id);
  let at = -1;
  out.forEach((id, i) => {
    const question = find(id);
    if (question && answers(answer, question, requests)) at = i + 1;
  });
  if (at === -1) {
    at = out.findIndex((id) => {
      const r = find(id);
      return r === undefined || (r.kind !== 'point-of-order' && r.kind !== 'answer');
    });
    if (at === -1) at = out.length;
  }
  out.splice(at, 0, answer.id);
  return out;
}

function enqueue(state: SessionState, requestId: string): SessionState {
  const request = findRequest(state, requestId);
  if (!request) return state;
  const { requests } = state.floor;
  let queue =
    request.kind === 'answer'
      ? placeAnswer(state.floor.queue, requests, request)
      : insertByPrecedence(state.floor.queue, requests, request);
  if (request.kind === 'question') {
    // A question approved after its answer was inscribed still comes before that answer.
    for (const id of queue.slice(0, queue.indexOf(request.id))) {
      const answer = findRequest(state, id);
      if (answer && !answer.moved && answers(answer, request, requests)) {
        queue = placeAnswer(queue, requests, answer);
      }
    }
  }
  return { ...state, floor: { ...state.floor, queue } };
}

/** The floor segment a request given now belongs to: the current one, else the next one. */
function floorSegmentFor(state: SessionState): LiveSegment | null {
  const current = currentSegment(state);
  if (current?.kind === 'floor') return current;
  const from = current ? state.segments.indexOf(current) : 0;
  return state.segments.slice(from).find((s) => s.kind === 'floor') ?? null;
}

/* ------------------------------------------------------------------------------------------ */
/* Asking for the floor                                                                       */
/* ------------------------------------------------------------------------------------------ */

/**
 * What only a delegate's device is held to: the list open, the code, its pace and its count. A
 * delegate may raise a point of order, as the rules of procedure allow at any moment of a live
 * meeting, even once the list is closed; an answer is inscribed by the secretariat, for the
 * panellist who answers.
 */
function checkDevice(
  state: SessionState,
  command: z.output<typeof FloorRequestCommand>,
  ctx: Context,
): Outcome {
  const { kind } = command;
  const list = state.floor.status;
  if (kind === 'answer') return refuse('forbidden', 'request-secretariat-kind');
  if (command.category !== undefined) return refuse('forbidden', 'request-category');
  if (!ctx.actor.deviceKey) return refuse('unauthorized', 'device-key-needed');
  if (list === 'not-open') return notAllowed('list-not-open-yet');
  if (list === 'closed' && kind !== 'reply' && kind !== 'point-of-order') {
    return notAllowed('list-closed');
  }
  if (
    state.floor.floorCode !== null &&
    command.floorCode?.trim().toUpperCase() !== state.floor.floorCode.toUpperCase()
  ) {
    return refuse('forbidden', command.floorCode ? 'floor-code-wrong' : 'floor-code-needed');
  }
  const mine = state.floor.requests.filter((r) => r.deviceKey === ctx.actor.deviceKey);
  const latest = mine.reduce((max, r) => Math.max(max, r.requestedAt), -Infinity);
  if (ctx.now - latest < REQUEST_INTERVAL_MS) {
    const wait = REQUEST_INTERVAL_MS - (ctx.now - latest);
    return refuse('rate-limited', 'one-per-10s', { seconds: Math.ceil(wait / 1000) }, wait);
  }
  if (mine.filter((r) => OPEN_REQUEST.has(r.status)).length >= MAX_OPEN_REQUESTS_PER_DEVICE) {
    return notAllowed('three-open');
  }
  return null;
}

function request(d: Draft, command: z.output<typeof FloorRequestCommand>, ctx: Context): Outcome {
  const state = d.state;
  // The chair's table inscribes on a delegation's behalf: no device, no floor code.
  const moderator = atTheChair(ctx.actor.role);
  const { kind } = command;

  if (!moderator) {
    const refused = checkDevice(state, command, ctx);
    if (refused) return refused;
  } else if (state.floor.status === 'closed' && (kind === 'statement' || kind === 'question')) {
    return notAllowed('list-closed-reopen');
  }
  if (kind === 'point-of-order' && state.status !== 'live') {
    return notAllowed('point-of-order-live');
  }

  let delegation: DelegationRef;
  let category: Category;
  let answering: LiveItem | null = null;
  if (kind === 'answer') {
    const panellist = findItem(state, command.delegation);
    if (!panellist || panellist.segment.kind !== 'panel') return invalid('answer-panellist');
    // An answer is the panellist's, for the panellist's organisation: never a delegation named
    // after the person.
    answering = panellist.item;
    const { speaker } = answering;
    const named = speaker.organisation ?? speaker.name;
    delegation = speakerDelegation(state, speaker) ?? {
      id: null,
      en: pick(named, 'en'),
      fr: pick(named, 'fr'),
    };
    category = 'panellist';
  } else {
    const resolved = resolveDelegation(state, command.delegation);
    delegation = resolved.ref;
    category = moderator && command.category !== undefined ? command.category : resolved.category;
  }

  let addressedTo: string | null = null;
  if (kind === 'question') {
    if (command.addressedTo === undefined) return invalid('question-needs-panellist');
    const panellist = findItem(state, command.addressedTo);
    if (!panellist || panellist.segment.kind !== 'panel') {
      return invalid('not-a-panellist', { item: command.addressedTo });
    }
    addressedTo = panellist.item.id;
  } else if (command.addressedTo !== undefined) {
    return invalid('addressed-not-question');
  }

  const key = ownerOf({ delegation, panellist: answering?.id ?? null });
  const sameKind = state.floor.requests.filter((r) => r.kind === kind && ownerOf(r) === key);
  if (sameKind.some((r) => OPEN_REQUEST.has(r.status))) {
    return notAllowed('request-open', { delegation: delegation.en, kind });
  }
  if (kind === 'reply') {
    if (sameKind.filter(usesReply).length >= MAX_REPLIES_PER_DELEGATION) {
      return notAllowed('replies-used', { delegation: delegation.en });
    }
  }

  const onBehalfOf =
    command.onBehalfOf === undefined ? null : resolveDelegation(state, command.onBehalfOf).ref;
  const seq = state.seq + 1;
  d.emit({
    type: 'floorRequested',
    request: {
      id: `r${seq}`,
      seq,
      delegation,
      category,
      kind,
      speakerName:
        command.speakerName ??
        (answering
          ? // A request names its speaker in one text: the programme's first language's.
            [
              pick(answering.speaker.honorific, state.meta.languages[0] ?? ''),
              answering.speaker.name,
            ]
              .filter(Boolean)
              .join(' ')
          : null),
      onBehalfOf,
      addressedTo,
      panellist: answering?.id ?? null,
      status: moderator ? 'queued' : 'requested',
      requestedAt: ctx.now,
      byModerator: moderator,
      deviceKey: moderator ? null : (ctx.actor.deviceKey ?? null),
      reason: null,
      moved: false,
      turnId: null,
      segmentId: null,
    },
  });
  return null;
}

/* ------------------------------------------------------------------------------------------ */
/* The rules of the list, read from a state                                                   */
/* ------------------------------------------------------------------------------------------ */

/** One rule of the list broken in a state: which rule, for whom (`where`), and its refusal. */
export interface ListConflict {
  readonly where: string;
  readonly refusal: GavelError;
}

/** The keys of `list` held by more than `limit` of its items, with the first item over it. */
function over<T>(list: readonly T[], key: (t: T) => string | null, limit: number): [string, T][] {
  const counts = new Map<string, number>();
  const found: [string, T][] = [];
  for (const item of list) {
    const k = key(item);
    if (k === null) continue;
    const count = (counts.get(k) ?? 0) + 1;
    counts.set(k, count);
    if (count === limit + 1) found.push([k, item]);
  }
  return found;
}

/**
 * What `floor.request` refuses, read from a state instead of from a new request: the rules of the
 * requests the list of speakers breaks (none, when it keeps them all). A delegation has two rights
 * of reply at most, the declined and withdrawn ones aside; one request of a kind waiting (a
 * speaker recalled speaks again from a request already heard, beside a newer one of the same
 * delegation: so only waiting ones count); a device three requests waiting; no delegate's own
 * request waits on a list that was never opened (the chair may inscribe one, a point of order
 * during the panel); every request names a delegation the session knows. `undo` checks
 * the state it would restore with it, so that what delegates did since the undone command cannot
 * break the list, whatever that command was (the opening of the list, the addition of a
 * delegation). Pure.
 */
export function listConflicts(state: SessionState): ListConflict[] {
  const { requests } = state.floor;
  const waiting = requests.filter((r) => WAITING.has(r.status));
  return [
    ...over(requests.filter(usesReply), ownerOf, MAX_REPLIES_PER_DELEGATION).map(([k, r]) => ({
      where: `replies ${k}`,
      refusal: notAllowed('undo-replies-used', { delegation: r.delegation.en }),
    })),
    ...over(waiting, (r) => `${r.kind} ${ownerOf(r)}`, 1).map(([k, r]) => ({
      where: `waiting ${k}`,
      refusal: notAllowed('undo-request-twice', { delegation: r.delegation.en, kind: r.kind }),
    })),
    ...over(waiting, (r) => r.deviceKey, MAX_OPEN_REQUESTS_PER_DEVICE).map(([k]) => ({
      where: `device ${k}`,
      refusal: notAllowed('undo-device-full', { max: MAX_OPEN_REQUESTS_PER_DEVICE }),
    })),
    ...(state.floor.status === 'not-open' && waiting.some((r) => !r.byModerator)
      ? [{ where: 'not open', refusal: notAllowed('undo-list-not-open') }]
      : []),
    ...requests
      .filter((r) => r.delegation.id !== null && !lookupDelegation(state, r.delegation.id))
      .slice(0, 1)
      .map((r) => ({
        where: `unknown ${String(r.delegation.id)}`,
        refusal: notAllowed('undo-delegation-named', { delegation: r.delegation.en }),
      })),
  ];
}

/* ------------------------------------------------------------------------------------------ */
/* Giving the floor                                                                           */
/* ------------------------------------------------------------------------------------------ */

function requestItem(state: SessionState, request: FloorRequest, segment: LiveSegment): LiveItem {
  const times =
    segment.kind === 'floor'
      ? segment.timesMs
      : (floorSegmentFor(state) as { timesMs?: Record<RequestKind, number> } | null)?.timesMs;
  const allottedMs = (times ?? DEFAULT_REQUEST_TIMES_MS)[request.kind];
  const addressed = request.addressedTo === null ? null : findItem(state, request.addressedTo);
  // A panellist answers as on the panel: honorific, name, function and organisation.
  const panellist = request.panellist == null ? null : findItem(state, request.panellist);
  const name = request.speakerName ?? request.delegation.en;
  return {
    id: freshItemId(state, `${request.id}-${state.seq + 1}`),
    kind: request.kind,
    speaker: panellist?.item.speaker ?? {
      name,
      ...(request.speakerName !== null ? { organisation: request.delegation.en } : {}),
      ...(request.delegation.id !== null ? { delegation: request.delegation.id } : {}),
    },
    ...(addressed
      ? { topic: `Question to ${addressed.item.speaker.name}`, addressedTo: addressed.item.id }
      : {}),
    allottedMs,
    ...resolveThresholds(allottedMs),
    requestId: request.id,
    status: 'upcoming',
  };
}

/**
 * Gives the floor to a waiting request. A point of order interrupts the turn that has the floor,
 * unless it comes up through `speaker.next` (`viaNext`), when it is heard like any other request.
 */
export function give(
  d: Draft,
  requestId: string,
  start: boolean,
  ctx: Context,
  viaNext = false,
): Outcome {
  const found = findRequest(d.state, requestId);
  if (!found) return requestNotFound(requestId);
  if (found.status !== 'queued' && found.status !== 'requested') {
    return notAllowed('give-not-waiting', { status: found.status });
  }
  const now = ctx.now;
  const interrupting = found.kind === 'point-of-order' && !viaNext;
  const segment = currentSegment(d.state);
  if (interrupting) {
    if (d.state.interruptedTurnId !== null) return notAllowed('point-of-order-heard');
    if (!segment) return notAllowed('point-of-order-no-segment');
    const interrupted = currentTurn(d.state);
    const item = requestItem(d.state, found, segment);
    const afterIndex = interrupted
      ? segment.items.findIndex((i) => i.id === interrupted.itemId) + 1
      : segment.items.length;
    d.emit({
      type: 'itemAdded',
      segmentId: segment.id,
      item,
      index: afterIndex > 0 ? afterIndex : segment.items.length,
    });
    const turnId = `t${d.state.seq + 1}`;
    if (interrupted) d.emit({ type: 'turnInterrupted', turnId: interrupted.id, byTurnId: turnId });
    d.emit({ type: 'floorGiven', requestId: found.id, turnId, segmentId: segment.id });
    beginTurn(
      d,
      {
        segmentId: segment.id,
        item,
        request: findRequest(d.state, found.id),
        start,
        ...(interrupted ? { interrupts: interrupted.id } : {}),
      },
      now,
    );
    return null;
  }
  if (d.state.interruptedTurnId !== null) return notAllowed('point-of-order');
  if (!segment || segment.kind !== 'floor') return notAllowed('give-not-floor-segment');
  endCurrentTurn(d);
  const item = requestItem(d.state, found, segment);
  d.emit({ type: 'itemAdded', segmentId: segment.id, item, index: segment.items.length });
  const turnId = `t${d.state.seq + 1}`;
  d.emit({ type: 'floorGiven', requestId: found.id, turnId, segmentId: segment.id });
  beginTurn(
    d,
    { segmentId: segment.id, item, request: findRequest(d.state, found.id), start },
    now,
  );
  return null;
}

/* ------------------------------------------------------------------------------------------ */
/* The commands and their events                                                              */
/* ------------------------------------------------------------------------------------------ */

export const FLOOR_COMMANDS = {
  'floor.open': defineCommand(cmd('floor.open', { floorCode: FloorCode.nullable().optional() }), {
    roles: FLOOR_STAFF,
    decide: (d, command) => {
      if (d.state.floor.status === 'open' && command.floorCode === undefined) {
        return notAllowed('list-already-open');
      }
      d.emit({
        type: 'floorOpened',
        floorCode: command.floorCode === undefined ? d.state.floor.floorCode : command.floorCode,
      });
      return null;
    },
  }),
  'floor.close': defineCommand(cmd('floor.close', {}), {
    roles: FLOOR_STAFF,
    available: (s) => (s.floorStatus === 'open' ? null : notAllowed('list-not-open')),
    decide: (d) => {
      d.emit({ type: 'floorClosed' });
      return null;
    },
  }),
  'floor.request': defineCommand(FloorRequestCommand, {
    roles: DELEGATE_OR_FLOOR_STAFF,
    decide: request,
  }),
  'floor.withdraw': defineCommand(cmd('floor.withdraw', { requestId: Id }), {
    roles: DELEGATE_OR_FLOOR_STAFF,
    decide: (d, command, ctx) => {
      const found = findRequest(d.state, command.requestId);
      if (!found) return requestNotFound(command.requestId);
      if (
        !atTheChair(ctx.actor.role) &&
        (found.deviceKey === null || found.deviceKey !== ctx.actor.deviceKey)
      ) {
        return refuse('forbidden', 'withdraw-not-yours');
      }
      if (found.status !== 'requested' && found.status !== 'queued') {
        return notAllowed('withdraw-not-waiting', { status: found.status });
      }
      d.emit({ type: 'floorWithdrawn', requestId: found.id });
      return null;
    },
  }),
  'floor.approve': defineCommand(
    cmd('floor.approve', { requestId: Id, category: z.enum(CATEGORIES).optional() }),
    {
      roles: FLOOR_STAFF,
      decide: (d, command) => {
        const found = findRequest(d.state, command.requestId);
        if (!found) return requestNotFound(command.requestId);
        if (found.status !== 'requested') {
          return notAllowed('approve-not-new', { status: found.status });
        }
        d.emit({
          type: 'floorApproved',
          requestId: found.id,
          category: command.category ?? found.category,
        });
        return null;
      },
    },
  ),
  'floor.decline': defineCommand(
    cmd('floor.decline', { requestId: Id, reason: text(200).optional() }),
    {
      roles: FLOOR_STAFF,
      decide: (d, command) => {
        const found = findRequest(d.state, command.requestId);
        if (!found) return requestNotFound(command.requestId);
        if (found.status !== 'requested' && found.status !== 'queued') {
          return notAllowed('decline-not-waiting', { status: found.status });
        }
        d.emit({ type: 'floorDeclined', requestId: found.id, reason: command.reason ?? null });
        return null;
      },
    },
  ),
  'floor.move': defineCommand(cmd('floor.move', { requestId: Id, toIndex: Index }), {
    roles: FLOOR_STAFF,
    decide: (d, command) => {
      const found = findRequest(d.state, command.requestId);
      if (!found) return requestNotFound(command.requestId);
      if (found.status !== 'queued') {
        return notAllowed('move-not-queued', { status: found.status });
      }
      const last = d.state.floor.queue.length - 1;
      if (command.toIndex > last) return invalid('queue-index', { last });
      d.emit({ type: 'floorMoved', requestId: found.id, toIndex: command.toIndex });
      return null;
    },
  }),
  'floor.give': defineCommand(cmd('floor.give', { requestId: Id, start }), {
    roles: FLOOR_STAFF,
    available: needLive,
    decide: (d, command, ctx) => give(d, command.requestId, command.start ?? false, ctx),
  }),
  'delegation.add': defineCommand(
    cmd('delegation.add', {
      id: Id,
      en: text(120),
      fr: text(120).optional(),
      category: z.enum(CATEGORIES),
    }),
    {
      roles: FLOOR_STAFF,
      decide: (d, command) => {
        if (lookupDelegation(d.state, command.id)) {
          return notAllowed('delegation-id-taken', { id: command.id });
        }
        // A name typed on the console or a phone finds one delegation: a second of the same name
        // would never be found, and its requests would count as the first's.
        for (const name of [command.en, command.fr ?? command.en]) {
          const same = findByName(d.state, name);
          if (same) return notAllowed('delegation-name-taken', { name, id: same.id });
        }
        d.emit({
          type: 'delegationAdded',
          delegation: {
            id: command.id,
            en: command.en,
            fr: command.fr ?? command.en,
            category: command.category,
          },
        });
        return null;
      },
    },
  ),
};

export const FLOOR_EVENTS = defineEvolvers<FloorEvent['type']>({
  floorOpened: (state, { floorCode }) => ({
    ...state,
    floor: { ...state.floor, status: 'open', floorCode },
  }),
  floorClosed: (state) => ({ ...state, floor: { ...state.floor, status: 'closed' } }),
  floorRequested: (state, { request }) => {
    const s: SessionState = {
      ...state,
      floor: { ...state.floor, requests: [...state.floor.requests, request] },
      seq: state.seq + 1,
    };
    return request.status === 'queued' ? enqueue(s, request.id) : s;
  },
  floorWithdrawn: (state, { requestId }) =>
    dequeue(
      mapRequest(state, requestId, (r) => ({ ...r, status: 'withdrawn' })),
      requestId,
    ),
  floorApproved: (state, { requestId, category }) =>
    enqueue(
      mapRequest(state, requestId, (r) => ({ ...r, status: 'queued', category })),
      requestId,
    ),
  floorDeclined: (state, { requestId, reason }) =>
    dequeue(
      mapRequest(state, requestId, (r) => ({ ...r, status: 'declined', reason })),
      requestId,
    ),
  floorMoved: (state, { requestId, toIndex }) => {
    const queue = state.floor.queue.filter((id) => id !== requestId);
    queue.splice(toIndex, 0, requestId);
    const moved = mapRequest(state, requestId, (r) => ({ ...r, moved: true }));
    return { ...moved, floor: { ...moved.floor, queue } };
  },
  floorGiven: (state, { requestId, turnId, segmentId }) =>
    dequeue(
      mapRequest(state, requestId, (r) => ({
        ...r,
        status: r.status === 'requested' ? 'queued' : r.status,
        turnId,
        segmentId,
      })),
      requestId,
    ),
  delegationAdded: (state, { delegation }) => ({
    ...state,
    extraDelegations: [...state.extraDelegations, delegation],
  }),
});

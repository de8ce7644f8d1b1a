/**
 * The refusals people meet most, each with a stable key and its English sentence. A refusal
 * carries its key (and the values in its sentence), so a page can say it in its own language;
 * the English sentence travels with it for scripts and for keys a page does not know. Pure.
 */
import { fail, type ErrorCode, type GavelError } from './errors.ts';
import { fillSentence } from './fillSentence.ts';

export const REFUSALS = {
  'not-started': 'The session has not started yet: start it first.',
  suspended: 'The session is suspended: resume it first.',
  ended: 'The session has ended: only undo (to reopen it) and corrections of the record remain.',
  'no-turn': 'Nobody has the floor: call a speaker first.',
  'point-of-order':
    'A point of order is being heard: finish it (F) and the interrupted speaker resumes.',
  'nothing-to-undo': 'There is nothing to undo.',
  'undo-request-twice':
    '{delegation} has asked for the floor again since: undoing would leave it two {kind} requests waiting. Approve its new request instead (and move it up, if it should keep the earlier place).',
  'undo-replies-used':
    '{delegation} has asked for a right of reply again since: undoing would give it more than its two. Approve its new request instead.',
  'undo-device-full':
    "A delegate's device has asked for the floor since: undoing would leave it more than {max} requests waiting. Inscribe by hand the request the undo would bring back instead.",
  'undo-list-not-open':
    'Delegates have asked for the floor from their phones since the list was opened: undoing would leave their requests waiting on a list that is not open. Close the list instead.',
  'undo-delegation-named':
    '{delegation} has asked for the floor since it was added, so the addition stays: undo cannot take back a delegation that a request names.',
  'already-started': 'The session has already started.',
  'not-suspended': 'The session is not suspended.',
  'programme-over': 'No segment is running: the programme is over, end the session.',
  'list-empty': 'The list of speakers is empty: end the segment to move on.',
  'recall-busy': 'Someone has the floor: finish that turn (F) before recalling a speaker.',
  'recall-nobody': 'Nobody has finished speaking yet: there is no one to recall.',
  'no-segment': 'No segment is running.',
  'timer-running': 'The timer is already running.',
  'timer-stopped': 'The timer is not running.',
  'list-not-open': 'The list of speakers is not open.',
  'list-not-open-yet': 'The list of speakers is not open yet.',
  'list-closed':
    'The list of speakers is closed: only a right of reply or a point of order can still be asked for.',
  'too-little-time': 'That would take away more time than was granted.',
  'no-speaker-after': 'There is no speaker after this one: finish the turn (F) or end the session.',
  stale:
    'The session moved on (version {version}, the command expected {expected}): look again and retry.',
  'floor-code-needed': 'This meeting asks for the floor code shown in the room.',
  'floor-code-wrong': 'That floor code is not right: check the code shown in the room.',
  'one-per-10s': 'One request every 10 seconds: try again in {seconds} s.',
  'three-open':
    'This device already has 3 requests open: withdraw one, or wait until one is heard.',

  // The state machine's refusals, each said by the domain module of its command (shared/domains/).
  'forbidden-command': 'A {role} may not send {command}: it needs the moderator.',
  'forbidden-command-delegate':
    "A {role} may not send {command}: it needs a delegate's device, the floor officer or the moderator.",
  'forbidden-command-floor':
    'A {role} may not send {command}: it needs the floor officer or the moderator.',
  'no-changes': 'changes: name at least one field to change.',
  'item-not-found': 'Item "{item}" is not in this session.',
  'item-not-in-segment': 'Item "{item}" in segment "{segment}" is not in this session.',
  'segment-not-found': 'Segment "{segment}" is not in this session.',
  'request-not-found': 'Request "{request}" is not in this session.',
  'turn-not-found': 'Turn "{turn}" is not in this session.',
  'skip-not-upcoming': '"{name}" is {status}: only an upcoming speaker can be skipped.',
  'call-floor-item':
    'Speakers of the open floor are given the floor from the list of speakers, or recalled.',
  'already-speaking': '{name} already has the floor.',
  'recall-earlier-segment':
    'The last speaker spoke in an earlier segment: call them again from the programme instead.',
  'recall-gone': 'The last speaker is no longer in the programme.',
  'times-panel-segment': 'changes.times: only an open-floor segment has times per kind of request.',
  'no-message': 'There is no message on the stage to clear.',
  'stage-already-blank': 'The stage is already blank.',
  'stage-not-blank': 'The stage is not blank.',
  'presets-unchanged': 'The message presets are already these.',
  'preset-twice': 'Two presets say "{text}": keep one.',
  'add-floor-item':
    'Items of an open floor come from the list of speakers: inscribe a delegation instead.',
  'item-id-taken': 'The item id "{id}" is already taken.',
  'danger-after-warning':
    'danger: must not be more than the warning time (danger comes after warning).',
  'edit-floor-item': 'Items of an open floor follow their request: they cannot be edited.',
  'move-floor-item': 'Items of an open floor keep the order they were heard in.',
  'move-into-floor': 'An item can only move into a panel segment.',
  'move-speaking': 'The speaker who has the floor stays in the current segment.',
  'item-index': 'toIndex: must be from 0 to {last}.',
  'item-in-place': 'The item is already at that place.',
  'remove-speaking': 'The speaker who has the floor cannot be removed.',
  'remove-spoken': '"{name}" has already spoken and stays in the record: skip instead.',
  'list-already-open': 'The list of speakers is already open.',
  'list-closed-reopen':
    'The list of speakers is closed: reopen it to inscribe another statement or question.',
  'request-secretariat-kind':
    'An answer is inscribed by the secretariat, for the panellist who answers.',
  'request-category': 'The secretariat sets the category of a delegation: leave it out.',
  'device-key-needed': 'A request for the floor needs the device key of this browser.',
  'point-of-order-live': 'A point of order can only be raised while the meeting is live.',
  'answer-panellist': 'delegation: for an answer, give the item id of the panellist who answers.',
  'question-needs-panellist': 'addressedTo: a question names the panellist it is for.',
  'not-a-panellist': 'addressedTo: "{item}" is not a panellist of this programme.',
  'addressed-not-question': 'addressedTo: only a question is addressed to a panellist.',
  'request-open': '{delegation} already has a {kind} request open.',
  'replies-used': '{delegation} has already had its two rights of reply in this session.',
  'withdraw-not-yours': 'Only the device that asked for the floor can withdraw its request.',
  'withdraw-not-waiting': 'This request is {status}: only a waiting request can be withdrawn.',
  'approve-not-new': 'This request is {status}: only a new request can be approved.',
  'decline-not-waiting': 'This request is {status}: only a waiting request can be declined.',
  'move-not-queued': 'This request is {status}: only a queued request can be moved.',
  'queue-index': 'toIndex: must be from 0 to {last}, the places in the queue.',
  'give-not-waiting': 'This request is {status}: only a waiting request can be given the floor.',
  'point-of-order-heard': 'A point of order is already being heard.',
  'point-of-order-no-segment': 'No segment is running: a point of order interrupts a segment.',
  'give-not-floor-segment':
    'The floor is given to the list of speakers in an open-floor segment: move to it first.',
  'delegation-id-taken': 'The delegation id "{id}" is already taken.',
  'delegation-name-taken':
    'A delegation named "{name}" is already on the list (id "{id}"): inscribe it, or give the new one another name.',
  'turn-running': 'This turn is still running: correct it once it has ended.',
  'ended-before-started': 'endedAt: must not be before startedAt.',

  // The server's refusals: handshakes, HTTP routes, limits and the hub. The values of a few
  // (`{what}`, `{kind}`, `{problems}`, `{reason}`) are English words from the code or the schema.
  'no-session': 'The connection names no session: open a link that ends with the session id.',
  'field-empty': '{field} is empty: send {what}, or leave {field} out.',
  'field-not-text': '{field} must be {what} as text, not {kind}.',
  'role-unknown': 'role: must be one of {roles}.',
  'session-id-malformed': 'That is not a session id Gavel could have made: check the link.',
  'token-wrong-link':
    'The token is not right: open the console link Gavel printed when it started, or the one the moderator gave you.',
  'stage-key-wrong-link':
    'The stage key is not right: open the stage link Gavel printed when it started.',
  'device-key-malformed': 'deviceKey: must be 16 to 128 letters, digits, dashes or underscores.',
  'console-needs-token':
    'The console needs the moderator token: open the console link Gavel printed when it started.',
  'officer-needs-token':
    "The floor officer's console needs the floor officer's token: open the link the moderator gave you.",
  'secretariat-needs-token':
    "The secretariat's console needs the secretariat's token: open the link the moderator gave you.",
  'stage-needs-key':
    'The stage display needs the stage key: open the stage link Gavel printed when it started.',
  'delegate-needs-device-key': "A delegate's device sends its deviceKey with the connection.",
  'protocol-old':
    'This page is older than the server: it reloads itself; if it does not, reload it.',
  'protocol-new':
    'This page is newer than the server: it reloads itself; if it does not, reload it.',
  'protocol-malformed':
    'protocol: must be the whole number of the protocol version ({version}), or left out.',
  'too-many-wrong':
    'Too many wrong tokens or keys from this address: wait {seconds} s, then try again with the link Gavel printed.',
  'foreign-origin':
    'Gavel takes connections only from its own pages, and this one is from {origin}: open Gavel at its own address, or ask whoever runs it to add that site to GAVEL_ALLOWED_ORIGINS.',
  'session-unknown-link': 'There is no session "{session}" on this server: check the link.',
  'too-many-devices':
    'Too many devices are connected to Gavel from this network ({cap}, the most one address may): this page tries again in {seconds} s.',
  'device-held-off':
    'This device sent far too many requests and was disconnected: it can reconnect in {seconds} s.',
  'packet-too-large':
    'That was {kb} KB at once, more than the {maxKb} KB Gavel takes: nothing was done, and the connection is closed (it reconnects by itself).',
  'too-many-commands': 'Too many commands too quickly: wait {seconds} s and try again.',
  'command-too-many-values': 'A command has at most {max} values: this one has more.',
  'command-too-deep': 'A command is nested at most {max} levels deep: this one goes deeper.',
  'command-not-json': 'The command cannot be read as JSON.',
  'command-too-large': 'A command is at most {maxKb} KB of JSON: this one is {kb} KB.',
  'command-not-object': 'A command is a JSON object with a type, such as {"type":"speaker.next"}.',
  'command-type-not-text': 'type: a command names its type as text, such as "speaker.next".',
  'command-unknown': 'type: {type} is not a Gavel command (docs/api.md lists them).',
  'command-invalid': '{command} is not valid: {problems}.',
  'session-unknown': 'There is no session "{session}" on this server.',
  'session-id-taken':
    'A session with the id "{id}" already exists on this server: give the programme another id.',
  'session-under-way':
    '"{id}" is under way: end the session before deleting it (its record goes with it).',
  'log-unwritable':
    'The server could not write this command to its log, so it did not run: tell the technician (the disk may be full, or the database unreachable).',
  'log-contended':
    'Other consoles changed this session at the same moment, again and again: look at the programme and press again.',
  'programme-problem': 'The programme has 1 problem: {problems}',
  'programme-problems': 'The programme has {count} problems: {problems}',
  'spreadsheet-problem': 'The spreadsheet has 1 problem: {problems}',
  'spreadsheet-problems': 'The spreadsheet has {count} problems: {problems}',
  'key-in-address':
    'The stage key goes in the X-Gavel-Stage-Key header, never in the address: addresses are written in logs.',
  'stage-key-wrong': 'The stage key is not right: use the one in the stage link Gavel printed.',
  'token-wrong':
    'The token is not right: use the one Gavel printed when it started, or the one the moderator gave you.',
  'token-needed': '{what} needs the moderator token: send it as "Authorization: Bearer <token>".',
  'stage-key-not-enough': '{what} needs the moderator token: the stage key is not enough.',
  'token-not-enough': '{what} needs another token: the {role} token does not open it.',
  'token-role-unknown':
    'role: must be floor-officer or secretariat (the moderator token is replaced with gavel tokens --replace moderator, then a restart).',
  'token-from-environment':
    'The {role} token is set in {variable}: change it there and restart Gavel.',
  'format-json-csv': 'format: must be "json" or "csv".',
  'archived-not-boolean': 'archived: must be true or false.',
  'table-unknown': 'table: must be one of {tables}.',
  'after-not-version': 'after: must be a version number, 0 or more.',
  'advance-out-of-range': 'advanceMs: must be a whole number of ms from 0 to 86400000.',
  'command-body-missing':
    'The request has no body: send one command as JSON, such as {"type":"speaker.next"}.',
  'route-unknown': 'There is no API route {method} {path}: docs/api.md lists them.',
  'body-too-large': 'The body is larger than {kb} KB, the most this route takes.',
  'body-not-json': 'The body is not JSON: {reason}.',
  'body-not-utf8':
    'The body must be JSON in UTF-8, sent as it is or compressed with gzip, deflate or br.',
  'address-bad-escape':
    'The address has a % that is not followed by two hexadecimal digits: check the link.',
  'body-cut-short': 'The body did not arrive whole: send the request again.',
  'body-unreadable':
    'The body could not be read: its compression (Content-Encoding) is broken or it was cut short. Send it again, or send it uncompressed.',
  'server-failed': 'The server failed on this request; nothing was changed. Its log says more.',
} as const;

export type RefusalKey = keyof typeof REFUSALS;
export type RefusalParams = Readonly<Record<string, string | number>>;

// In a module of its own, so that a page's words can use it without carrying every refusal.
export { fillSentence };

/** A refusal with its key, its values, and its English sentence. Pure. */
export function refuse(
  code: ErrorCode,
  key: RefusalKey,
  params?: RefusalParams,
  retryAfterMs?: number,
): GavelError {
  const error = fail(code, fillSentence(REFUSALS[key], params), retryAfterMs);
  return params ? { ...error, key, params } : { ...error, key };
}

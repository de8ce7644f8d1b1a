/**
 * The programme file: what a secretariat writes (JSON, durations in minutes or "m:ss"), its
 * schema, and the programme Gavel runs from it (durations in milliseconds). Pure.
 */
import { z } from 'zod';
import { parseDuration } from './duration.ts';
import type { Delegation } from './delegations.ts';
import type { GavelError } from './errors.ts';
import type { LocalText } from './localText.ts';
import { refuse } from './refusals.ts';
import {
  DEFAULT_REQUEST_TIMES_MS,
  ITEM_KINDS,
  REQUEST_KINDS,
  type ItemKind,
  type RequestKind,
} from './kinds.ts';

export { pick, type LocalText } from './localText.ts';
export {
  DEFAULT_REQUEST_TIMES_MS,
  ITEM_KINDS,
  REQUEST_KINDS,
  type ItemKind,
  type RequestKind,
} from './kinds.ts';

const DURATION_WORDS = 'minutes (a number such as 12 or 2.5) or "m:ss" (such as "2:30")';

/** A duration as written in a file; `allowZero` for thresholds, which may be 0 (no such phase). */
function durationField(allowZero: boolean) {
  // One sentence for a value of the wrong type (the union's own would be "Invalid input").
  const words = `must be ${DURATION_WORDS}`;
  return z
    .union([z.number(), z.string()], {
      error: (issue) => (issue.input === undefined ? 'is missing' : words),
    })
    .superRefine((value, ctx) => {
      const ms = parseDuration(value);
      if (ms === null) {
        ctx.addIssue({ code: 'custom', message: words });
      } else if (ms < 0 || (!allowZero && ms === 0)) {
        ctx.addIssue({
          code: 'custom',
          message: allowZero ? 'must be zero or a positive number' : 'must be a positive number',
        });
      } else if (ms > 24 * 3_600_000) {
        ctx.addIssue({ code: 'custom', message: 'must be at most 24 hours' });
      }
    });
}

export const Duration = durationField(false);
export const Threshold = durationField(true);

export const Id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, {
  message:
    'must be 1 to 64 letters, digits, dots, dashes or underscores, starting with a letter or digit',
});

const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, { message: 'must not be empty' })
    .max(max, { message: `must be at most ${max} characters` });

const LANGUAGE_NAMES = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

/**
 * True for a language's base code the runtime knows, written as BCP 47 writes it: `en`, `fr`,
 * `ar`; not `EN`, `eng`, `fr-CA` or `xx`. Pure.
 */
export function isLanguageCode(code: string): boolean {
  if (!/^[a-z]{2,3}$/.test(code)) return false;
  try {
    return Intl.getCanonicalLocales(code)[0] === code && LANGUAGE_NAMES.of(code) !== undefined;
  } catch {
    return false;
  }
}

/** What the JSON Schema says of a map of languages (the checks run in `localText`). */
const LANGUAGE_MAP_SCHEMA = {
  minProperties: 1,
  propertyNames: { type: 'string', pattern: '^[a-z]{2,3}$' },
};

/**
 * A text people read, of 1 to `max` characters: a plain string, or a map of languages to texts
 * (`{ "en": "Prosecutor", "fr": "Procureure" }`) with at least one entry. The type is
 * `LocalText` (`localText.ts`, which the pages load without zod).
 */
export function localText(max: number) {
  const one = text(max);
  return z
    .union([one, z.record(z.string(), one).meta(LANGUAGE_MAP_SCHEMA)], {
      error: (issue) =>
        issue.input === undefined
          ? 'is missing'
          : 'must be text, or languages and their texts such as {"en": "…", "fr": "…"}',
    })
    .superRefine((value, ctx) => {
      if (typeof value === 'string') return;
      const codes = Object.keys(value);
      if (codes.length === 0) {
        ctx.addIssue({ code: 'custom', message: 'must hold at least one language' });
      }
      for (const code of codes) {
        if (!isLanguageCode(code)) {
          ctx.addIssue({
            code: 'custom',
            path: [code],
            message: `"${code}" is not a language code Gavel knows: write a language's two- or three-letter code in small letters, such as "en", "fr" or "ar"`,
          });
        }
      }
    })
    .meta({
      description: 'A text, or its languages and their texts such as {"en": "…", "fr": "…"}',
    }) as z.ZodType<LocalText, LocalText>;
}

export const Speaker = z.strictObject({
  honorific: localText(40).optional(),
  name: text(120),
  function: localText(200).optional(),
  organisation: localText(200).optional(),
  delegation: text(120).optional(),
});
export type Speaker = z.infer<typeof Speaker>;

export const ProgrammeItemFile = z.strictObject({
  id: Id,
  kind: z.enum(ITEM_KINDS),
  speaker: Speaker,
  topic: localText(300).optional(),
  minutes: Duration,
  warning: Threshold.optional(),
  danger: Threshold.optional(),
  note: text(1000).optional(),
});
export type ProgrammeItemFile = z.infer<typeof ProgrammeItemFile>;

export const RequestTimesFile = z.strictObject({
  statement: Duration.optional(),
  question: Duration.optional(),
  answer: Duration.optional(),
  reply: Duration.optional(),
  'point-of-order': Duration.optional(),
});

export const PanelSegmentFile = z.strictObject({
  id: Id,
  kind: z.literal('panel'),
  title: localText(200),
  budget: Duration,
  items: z.array(ProgrammeItemFile).max(300, { message: 'must hold at most 300 items' }),
});

export const FloorSegmentFile = z.strictObject({
  id: Id,
  kind: z.literal('floor'),
  title: localText(200),
  budget: Duration,
  times: RequestTimesFile.optional(),
});

export const SegmentFile = z.discriminatedUnion('kind', [PanelSegmentFile, FloorSegmentFile]);
export type SegmentFile = z.infer<typeof SegmentFile>;

/** True when the fields name a day of the calendar and a time of the day (no 31 November). */
function realDateTime(text: string): boolean {
  const [y, mo, d, h = 0, mi = 0, sec = 0] = (text.match(/\d+/g) ?? []).map(Number);
  if (y === undefined || mo === undefined || d === undefined) return false;
  const at = new Date(Date.UTC(y, mo - 1, d, h, mi, sec));
  return (
    at.getUTCFullYear() === y &&
    at.getUTCMonth() === mo - 1 &&
    at.getUTCDate() === d &&
    at.getUTCHours() === h &&
    at.getUTCMinutes() === mi &&
    at.getUTCSeconds() === sec
  );
}

const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date as YYYY-MM-DD', abort: true })
  .refine(realDateTime, { message: 'must be a day of the calendar' });
const LocalDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/, {
    message: 'must be a local date and time as YYYY-MM-DDTHH:MM, without a time zone offset',
    abort: true,
  })
  .refine(realDateTime, { message: 'must be a day of the calendar and a time of the day' });

/** A planned start: a local date-time, or null to unset it. */
export const LocalDateTimeOrNull = LocalDateTime.nullable();

export const TimeZone = z.string().refine(isTimeZone, {
  message: 'must be a time zone name such as "Europe/Amsterdam"',
});

export const ProgrammeFile = z.strictObject({
  $schema: z.string().optional(),
  id: Id,
  title: localText(200),
  venue: localText(200).optional(),
  dates: z.strictObject({ from: IsoDate, to: IsoDate }).optional(),
  plannedStart: LocalDateTimeOrNull.optional(),
  timeZone: TimeZone,
  languages: z
    .array(
      z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, {
        message: 'must be a language code such as "en"',
      }),
    )
    .min(1, { message: 'must name at least one language' })
    .optional(),
  segments: z
    .array(SegmentFile)
    .min(1, { message: 'must hold at least one segment' })
    .max(50, { message: 'must hold at most 50 segments' }),
  statesParties: z
    .array(z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'must be a delegation id' }))
    .max(300, { message: 'must hold at most 300 ids' })
    .optional(),
});
export type ProgrammeFile = z.infer<typeof ProgrammeFile>;

/** One item of a panel segment as Gavel runs it: durations in ms, thresholds resolved. */
export interface Item {
  readonly id: string;
  readonly kind: ItemKind | RequestKind;
  readonly speaker: Speaker;
  readonly topic?: LocalText;
  readonly allottedMs: number;
  /** Time left when the warning (amber) phase begins. */
  readonly warningMs: number;
  /** Time left when the danger (red) phase begins. */
  readonly dangerMs: number;
  readonly note?: string;
  /** Set on items made from a floor request given the floor. */
  readonly requestId?: string;
  /** For a question from the floor: the item id of the panellist it is addressed to. */
  readonly addressedTo?: string;
}

export interface SegmentBase {
  readonly id: string;
  readonly title: LocalText;
  readonly budgetMs: number;
  readonly items: readonly Item[];
}
export interface PanelSegment extends SegmentBase {
  readonly kind: 'panel';
}
export interface FloorSegment extends SegmentBase {
  readonly kind: 'floor';
  readonly timesMs: Readonly<Record<RequestKind, number>>;
}
export type Segment = PanelSegment | FloorSegment;

export interface ProgrammeMeta {
  readonly id: string;
  readonly title: LocalText;
  readonly venue?: LocalText;
  readonly dates?: { readonly from: string; readonly to: string };
  /** Local date-time in `timeZone`, or null while unset. */
  readonly plannedStart: string | null;
  readonly timeZone: string;
  readonly languages: readonly string[];
}

export interface Programme extends ProgrammeMeta {
  readonly segments: readonly Segment[];
  /**
   * The ids of the States Parties that rank the meeting's delegations: the programme's own list,
   * or those of its day, filled in when the session is created (`membership.ts`). Absent from a
   * session created before Gavel knew the dates: the listed categories rank it.
   */
  readonly statesParties?: readonly string[];
  /**
   * Delegations the list in effect adds to or changes in the shipped one (`changesToShipped`),
   * filled in when the session is created; the session holds them as its own.
   */
  readonly delegations?: readonly Delegation[];
}

/** A problem found in a programme file: where, as `segments[1].items[3].minutes`, and what. */
export interface ProgrammeProblem {
  readonly path: string;
  readonly message: string;
}

export type ProgrammeResult =
  | { readonly ok: true; readonly programme: Programme }
  | { readonly ok: false; readonly problems: readonly ProgrammeProblem[] };

/** True when the runtime knows the IANA time zone name. Pure. */
export function isTimeZone(name: string): boolean {
  if (!/^[A-Za-z_+-]+(\/[A-Za-z0-9_+-]+)*$/.test(name)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** Writes a path the way a person reads it: `segments[1].items[3].minutes`. Pure. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(the file)' : out;
}

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  object: 'an object',
  array: 'a list',
  boolean: 'true or false',
};

/**
 * True when a type issue is about a value that is not there. Zod 4 leaves the input out of its
 * issues unless asked to report it, so its own sentence ("received undefined") tells.
 */
function isMissing(issue: z.core.$ZodIssue): boolean {
  if (issue.input !== undefined) return false;
  return !('input' in issue) ? /received undefined$/.test(issue.message) : true;
}

/** `"a"`, `"a" or "b"`, or `one of "a", "b", "c"`. */
function choices(values: readonly unknown[]): string {
  const quoted = values.map((v) => JSON.stringify(v));
  return quoted.length <= 2 ? quoted.join(' or ') : `one of ${quoted.join(', ')}`;
}

/** Turns zod's issues into sentences a secretariat understands. Pure. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): ProgrammeProblem[] {
  const problems: ProgrammeProblem[] = [];
  for (const issue of issues) {
    const path = formatPath(issue.path);
    switch (issue.code) {
      case 'invalid_type':
        problems.push({
          path,
          message: isMissing(issue)
            ? 'is missing'
            : // A schema's own sentence stands; zod's default one is put in words.
              !issue.message.startsWith('Invalid input')
              ? issue.message
              : `must be ${TYPE_WORDS[issue.expected] ?? issue.expected}`,
        });
        break;
      case 'unrecognized_keys':
        for (const key of issue.keys) {
          problems.push({
            path: formatPath([...issue.path, key]),
            message: 'is not a key Gavel knows (check its spelling in docs/programme.md)',
          });
        }
        break;
      case 'invalid_value':
        problems.push({
          path,
          message: `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`,
        });
        break;
      case 'invalid_union':
        if ('note' in issue && issue.note === 'No matching discriminator') {
          const options = 'options' in issue && Array.isArray(issue.options) ? issue.options : [];
          problems.push({
            path,
            message: options.length > 0 ? `must be ${choices(options)}` : 'is not valid here',
          });
        } else {
          problems.push({
            path,
            message: issue.message.startsWith('Invalid') ? 'is not valid here' : issue.message,
          });
        }
        break;
      default:
        problems.push({ path, message: issue.message });
    }
  }
  return problems;
}

/**
 * The warning and danger thresholds (ms of time left) of a turn of `allottedMs`, from the ones
 * given or the defaults: 2:00 and 1:00 for a turn of 5 minutes or more; 1:00 and 0:30 for a
 * shorter one, and no more than a half and a quarter of the turn (a one-minute point of order
 * warns at 0:30 and turns red at 0:15). A phase never starts before its turn does: a warning at
 * or above the allotted time does not fit, and both thresholds scale to the turn, the warning at
 * half of it and the danger keeping its share of the warning. Danger is never above warning.
 * Whole ms. Pure.
 */
export function resolveThresholds(
  allottedMs: number,
  warningMs?: number,
  dangerMs?: number,
): { warningMs: number; dangerMs: number } {
  const long = allottedMs >= 5 * 60_000;
  const half = Math.floor(allottedMs / 2);
  let warning = warningMs ?? (long ? 120_000 : Math.min(60_000, half));
  let danger = Math.min(
    dangerMs ?? (long ? 60_000 : Math.min(30_000, Math.floor(allottedMs / 4))),
    warning,
  );
  if (warning >= allottedMs && warning > 0) {
    danger = Math.floor((danger * half) / warning);
    warning = half;
  }
  return { warningMs: warning, dangerMs: Math.min(danger, warning) };
}

/** The ms of a duration already checked by the schema. */
function ms(value: number | string): number {
  return parseDuration(value) ?? 0;
}

/**
 * A text in its one written form for a programme in `languages`: a map's languages in the
 * programme's order, and a map that holds only the first language as the plain string it means.
 * Languages the programme does not list keep their place after the others (`crossCheck` refuses
 * them in a file). Pure.
 */
export function canonicalText(text: LocalText, languages: readonly string[]): LocalText {
  if (typeof text === 'string') return text;
  const order = languages.map((l) => l.split('-')[0] ?? l);
  const rank = (code: string) => (order.includes(code) ? order.indexOf(code) : order.length);
  const codes = Object.keys(text).sort((a, b) => rank(a) - rank(b));
  const [first] = codes;
  if (codes.length === 1 && first !== undefined && first === order[0]) return text[first] ?? '';
  return Object.fromEntries(codes.map((code) => [code, text[code] ?? '']));
}

const canonicalSpeaker = (speaker: Speaker, languages: readonly string[]): Speaker => ({
  ...(speaker.honorific === undefined
    ? {}
    : { honorific: canonicalText(speaker.honorific, languages) }),
  name: speaker.name,
  ...(speaker.function === undefined
    ? {}
    : { function: canonicalText(speaker.function, languages) }),
  ...(speaker.organisation === undefined
    ? {}
    : { organisation: canonicalText(speaker.organisation, languages) }),
  ...(speaker.delegation === undefined ? {} : { delegation: speaker.delegation }),
});

/**
 * Makes the item Gavel runs from an item as written in a file, its texts in their one form for
 * a programme in `languages` (`canonicalText`). Pure.
 */
export function itemFromFile(file: ProgrammeItemFile, languages: readonly string[] = []): Item {
  const allottedMs = ms(file.minutes);
  const thresholds = resolveThresholds(
    allottedMs,
    file.warning === undefined ? undefined : ms(file.warning),
    file.danger === undefined ? undefined : ms(file.danger),
  );
  return {
    id: file.id,
    kind: file.kind,
    speaker: canonicalSpeaker(file.speaker, languages),
    ...(file.topic === undefined ? {} : { topic: canonicalText(file.topic, languages) }),
    allottedMs,
    ...thresholds,
    ...(file.note === undefined ? {} : { note: file.note }),
  };
}

/** Request times of a floor segment, defaults filled in. Pure. */
export function requestTimesFromFile(
  times: z.infer<typeof RequestTimesFile> | undefined,
): Record<RequestKind, number> {
  const out = { ...DEFAULT_REQUEST_TIMES_MS };
  for (const kind of REQUEST_KINDS) {
    const value = times?.[kind];
    if (value !== undefined) out[kind] = ms(value);
  }
  return out;
}

/** Makes a segment Gavel runs from a segment as written in a file (see `itemFromFile`). Pure. */
export function segmentFromFile(file: SegmentFile, languages: readonly string[] = []): Segment {
  if (file.kind === 'panel') {
    return {
      id: file.id,
      kind: 'panel',
      title: canonicalText(file.title, languages),
      budgetMs: ms(file.budget),
      items: file.items.map((item) => itemFromFile(item, languages)),
    };
  }
  return {
    id: file.id,
    kind: 'floor',
    title: canonicalText(file.title, languages),
    budgetMs: ms(file.budget),
    items: [],
    timesMs: requestTimesFromFile(file.times),
  };
}

type Loose = Record<string, unknown>;
const isObject = (v: unknown): v is Loose =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Checks what the schema alone cannot: unique ids, danger not above warning. It reads the raw
 * file, so these problems are listed beside the schema's even when the shape is wrong too.
 */
function crossCheck(file: unknown): ProgrammeProblem[] {
  const problems: ProgrammeProblem[] = [];
  if (!isObject(file) || !Array.isArray(file.segments)) return problems;
  const segmentIds = new Map<string, number>();
  const itemIds = new Map<string, string>();
  file.segments.forEach((segment: unknown, s) => {
    if (!isObject(segment)) return;
    if (typeof segment.id === 'string') {
      const seen = segmentIds.get(segment.id);
      if (seen !== undefined) {
        problems.push({
          path: `segments[${s}].id`,
          message: `"${segment.id}" is already the id of segments[${seen}]`,
        });
      } else segmentIds.set(segment.id, s);
    }
    if (!Array.isArray(segment.items)) return;
    segment.items.forEach((item: unknown, i) => {
      if (!isObject(item)) return;
      const path = `segments[${s}].items[${i}]`;
      if (typeof item.id === 'string') {
        const other = itemIds.get(item.id);
        if (other !== undefined) {
          problems.push({
            path: `${path}.id`,
            message: `"${item.id}" is already the id of ${other}`,
          });
        } else itemIds.set(item.id, path);
      }
      const warning =
        typeof item.warning === 'number' || typeof item.warning === 'string'
          ? parseDuration(item.warning)
          : null;
      const danger =
        typeof item.danger === 'number' || typeof item.danger === 'string'
          ? parseDuration(item.danger)
          : null;
      if (warning !== null && danger !== null && danger > warning) {
        problems.push({
          path: `${path}.danger`,
          message: 'must not be more than the warning time (danger comes after warning)',
        });
      }
    });
  });
  if (Array.isArray(file.statesParties)) {
    const seen = new Set<unknown>();
    file.statesParties.forEach((id: unknown, i) => {
      if (seen.has(id))
        problems.push({ path: `statesParties[${i}]`, message: `"${String(id)}" is given twice` });
      seen.add(id);
    });
  }
  const dates = file.dates;
  if (
    isObject(dates) &&
    typeof dates.from === 'string' &&
    typeof dates.to === 'string' &&
    dates.to < dates.from
  ) {
    problems.push({ path: 'dates.to', message: 'must not be before dates.from' });
  }
  return problems;
}

/** The languages of a programme file that names none. */
export const DEFAULT_LANGUAGES: readonly string[] = ['en', 'fr'];

/** Every text of a file that people read, with its path. Pure. */
function textsOf(file: ProgrammeFile): [string, LocalText | undefined][] {
  return [
    ['title', file.title],
    ['venue', file.venue],
    ...file.segments.flatMap((segment, s): [string, LocalText | undefined][] => [
      [`segments[${s}].title`, segment.title],
      ...(segment.kind === 'panel' ? segment.items : []).flatMap(
        (item, i): [string, LocalText | undefined][] => {
          const at = `segments[${s}].items[${i}]`;
          return [
            [`${at}.speaker.honorific`, item.speaker.honorific],
            [`${at}.speaker.function`, item.speaker.function],
            [`${at}.speaker.organisation`, item.speaker.organisation],
            [`${at}.topic`, item.topic],
          ];
        },
      ),
    ]),
  ];
}

/** A text in a language the programme does not list is a mistake: a page could never show it. */
function languageProblems(file: ProgrammeFile, languages: readonly string[]): ProgrammeProblem[] {
  const listed = languages.map((l) => l.split('-')[0] ?? l);
  return textsOf(file).flatMap(([path, text]) =>
    text === undefined || typeof text === 'string'
      ? []
      : Object.keys(text)
          .filter((code) => !listed.includes(code))
          .map((code) => ({
            path: `${path}.${code}`,
            message: `is not one of the programme's languages (${listed.map((l) => `"${l}"`).join(', ')}): add it to "languages" or remove this text`,
          })),
  );
}

/**
 * Reads a programme file (already parsed from JSON). A file with any problem is refused whole,
 * with every problem named by its path. Pure.
 */
export function parseProgramme(input: unknown): ProgrammeResult {
  const parsed = ProgrammeFile.safeParse(input);
  const problems = [
    ...(parsed.success ? [] : describeIssues(parsed.error.issues)),
    ...crossCheck(input),
  ];
  if (!parsed.success || problems.length > 0) return { ok: false, problems };
  const file = parsed.data;
  const languages = file.languages ?? DEFAULT_LANGUAGES;
  const foreign = languageProblems(file, languages);
  if (foreign.length > 0) return { ok: false, problems: foreign };
  return {
    ok: true,
    programme: {
      id: file.id,
      title: canonicalText(file.title, languages),
      ...(file.venue === undefined ? {} : { venue: canonicalText(file.venue, languages) }),
      ...(file.dates === undefined ? {} : { dates: file.dates }),
      plannedStart: file.plannedStart ?? null,
      timeZone: file.timeZone,
      languages,
      segments: file.segments.map((segment) => segmentFromFile(segment, languages)),
      ...(file.statesParties === undefined ? {} : { statesParties: file.statesParties }),
    },
  };
}

/** One sentence for a refused programme, for a command line or an HTTP error. Pure. */
export function programmeError(problems: readonly ProgrammeProblem[]): GavelError {
  const list = problems.map((p) => `${p.path}: ${p.message}`).join('; ');
  return problems.length === 1
    ? refuse('invalid', 'programme-problem', { problems: list })
    : refuse('invalid', 'programme-problems', { count: problems.length, problems: list });
}

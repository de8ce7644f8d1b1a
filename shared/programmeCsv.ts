/**
 * Programmes as spreadsheets: one row per item, and a row with empty item columns for a segment
 * without items (an open floor, with its time per kind of request). A text people read may have a
 * column per further language, `topic (fr)` beside `topic` (the programme's first language).
 * Reads what Excel writes in English and French locales: comma or semicolon, decimal point or
 * comma. It takes text: a file's bytes are decoded where they arrive
 * (UTF-8 with or without a byte-order mark, else Windows-1252: `server/spreadsheetText.ts`). Every
 * problem is named by line and column. Pure.
 */
import { csvTable, unguardCsvCell, type CsvDelimiter, type CsvValue } from './csv.ts';
import { formatDurationForFile } from './duration.ts';
import { slug } from './fold.ts';
import type { LocalText } from './localText.ts';
import {
  DEFAULT_LANGUAGES,
  isLanguageCode,
  parseProgramme,
  REQUEST_KINDS,
  type Programme,
  type ProgrammeFile,
  type ProgrammeResult,
  type RequestKind,
} from './programme.ts';

/** The time columns of an open floor, one per kind of request. */
const TIME_COLUMNS = {
  statement: 'statement time',
  question: 'question time',
  answer: 'answer time',
  reply: 'reply time',
  'point-of-order': 'point of order time',
} as const satisfies Record<RequestKind, string>;

/** A segment's columns, in the order Gavel writes them. */
const SEGMENT_COLUMNS = [
  'segment',
  'segment id',
  'segment kind',
  'segment budget',
  TIME_COLUMNS.statement,
  TIME_COLUMNS.question,
  TIME_COLUMNS.answer,
  TIME_COLUMNS.reply,
  TIME_COLUMNS['point-of-order'],
] as const;

/** An item's columns, in the order Gavel writes them. */
const ITEM_COLUMNS = [
  'item id',
  'kind',
  'honorific',
  'name',
  'function',
  'organisation',
  'delegation',
  'topic',
  'minutes',
  'warning',
  'danger',
  'note',
] as const;

/** The columns, in the order Gavel writes them; each of `LOCAL_COLUMNS` may come again per language. */
export const CSV_COLUMNS = [...SEGMENT_COLUMNS, ...ITEM_COLUMNS] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

/**
 * The columns of texts people read: the column itself holds the programme's first language, and
 * `topic (fr)` the same text in French.
 */
const LOCAL_COLUMNS = ['segment', 'honorific', 'function', 'organisation', 'topic'] as const;
type LocalColumn = (typeof LOCAL_COLUMNS)[number];
const isLocalColumn = (column: string): column is LocalColumn =>
  (LOCAL_COLUMNS as readonly string[]).includes(column);

/** Header names a French spreadsheet may use, mapped to Gavel's. */
const ALIASES: Record<string, CsvColumn> = {
  'id du segment': 'segment id',
  'type de segment': 'segment kind',
  'durée du segment': 'segment budget',
  'budget du segment': 'segment budget',
  'id de l’intervention': 'item id',
  "id de l'intervention": 'item id',
  type: 'kind',
  titre: 'honorific',
  civilité: 'honorific',
  nom: 'name',
  fonction: 'function',
  organization: 'organisation',
  sujet: 'topic',
  thème: 'topic',
  durée: 'minutes',
  avertissement: 'warning',
  alerte: 'danger',
  délégation: 'delegation',
};

/* ---------------------------------------------------------------------------------------- */
/* CSV text to rows                                                                         */
/* ---------------------------------------------------------------------------------------- */

export interface CsvRow {
  /** The line of the file the row starts on, from 1. */
  readonly line: number;
  readonly cells: readonly string[];
}

/** The delimiter of a file: semicolon when the header has more of them than commas. Pure. */
export function detectDelimiter(text: string): ',' | ';' {
  const header = text.split(/\r?\n/, 1)[0] ?? '';
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const ch of header) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === ',') commas++;
    else if (!quoted && ch === ';') semicolons++;
  }
  return semicolons > commas ? ';' : ',';
}

/** Splits CSV text into rows (RFC 4180: quotes, doubled quotes, line breaks inside quotes). Pure. */
export function parseCsv(text: string, delimiter: ',' | ';'): CsvRow[] {
  const rows: CsvRow[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (quoted) {
      if (ch === '"' && source[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        cell += ch;
      }
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === delimiter) {
      cells.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && source[i + 1] === '\n') i++;
      cells.push(cell);
      rows.push({ line: rowLine, cells });
      cells = [];
      cell = '';
      line++;
      rowLine = line;
    } else cell += ch;
  }
  if (cell !== '' || cells.length > 0) {
    cells.push(cell);
    rows.push({ line: rowLine, cells });
  }
  return rows.filter((r) => r.cells.some((c) => c.trim() !== ''));
}

/* ---------------------------------------------------------------------------------------- */
/* Rows to a programme                                                                      */
/* ---------------------------------------------------------------------------------------- */

export interface CsvProblem {
  readonly line: number | null;
  readonly column: string | null;
  readonly message: string;
}

export type CsvImport =
  | {
      readonly ok: true;
      readonly programme: Programme;
      readonly file: ProgrammeFile;
    }
  | { readonly ok: false; readonly problems: readonly CsvProblem[] };

/** What the CSV cannot carry: given by the form or the request that uploads it. */
export interface CsvSessionFields {
  readonly id: string;
  readonly title: LocalText;
  readonly timeZone: string;
  readonly plannedStart?: string | null;
  readonly venue?: LocalText;
  readonly dates?: { readonly from: string; readonly to: string };
  /** The programme's languages; the first is the one of the columns without a language. */
  readonly languages?: readonly string[];
}

const normalise = (header: string) =>
  header.trim().toLowerCase().replace(/[_-]+/g, ' ').replace(/\s+/g, ' ');

/** A duration cell: minutes (decimal point or comma) or "m:ss"; empty is absent. */
function durationCell(value: string): number | string | undefined {
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d+([.,]\d+)?$/.test(text)) return Number(text.replace(',', '.'));
  return text;
}

const FIELD_COLUMN: Record<string, CsvColumn> = {
  id: 'item id',
  kind: 'kind',
  honorific: 'honorific',
  name: 'name',
  function: 'function',
  organisation: 'organisation',
  delegation: 'delegation',
  topic: 'topic',
  minutes: 'minutes',
  warning: 'warning',
  danger: 'danger',
  note: 'note',
};

/**
 * Reads a programme from a spreadsheet's text, already decoded. Every problem is named by line and
 * column, the header's own problems included. Pure.
 */
export function importProgrammeCsv(text: string, session: CsvSessionFields): CsvImport {
  const delimiter = detectDelimiter(text);
  const rows = parseCsv(text, delimiter);
  const [header, ...body] = rows;
  if (!header)
    return {
      ok: false,
      problems: [
        {
          line: null,
          column: null,
          message: 'The file is empty: it needs a header row and one row per item.',
        },
      ],
    };

  const problems: CsvProblem[] = [];
  const languages = session.languages ?? DEFAULT_LANGUAGES;
  const firstLanguage = languages[0]?.split('-')[0] ?? 'en';
  const index = new Map<CsvColumn, number>();
  // The further languages' columns: `topic (fr)` is the topic in French.
  const localIndex = new Map<LocalColumn, Map<string, number>>();
  header.cells.forEach((name, i) => {
    const key = normalise(name);
    const [, base = key, code] = /^(.*?) ?\(([^()]*)\)$/.exec(key) ?? [];
    const column = (CSV_COLUMNS as readonly string[]).includes(base)
      ? (base as CsvColumn)
      : ALIASES[base];
    if (column === undefined) {
      if (key !== '')
        problems.push({
          line: header.line,
          column: name,
          message: `"${name}" is not a column Gavel knows (the columns are: ${CSV_COLUMNS.join(', ')}; the columns ${LOCAL_COLUMNS.join(', ')} may come again for another language, as "topic (fr)")`,
        });
    } else if (code !== undefined) {
      const byCode = localIndex.get(column as LocalColumn) ?? new Map<string, number>();
      if (!isLocalColumn(column)) {
        problems.push({
          line: header.line,
          column: name,
          message: `the column "${column}" is the same in every language: only ${LOCAL_COLUMNS.join(', ')} may come again for another language`,
        });
      } else if (!isLanguageCode(code)) {
        problems.push({
          line: header.line,
          column: name,
          message: `"${code}" is not a language code Gavel knows: write a language's two- or three-letter code in small letters, as in "${column} (fr)"`,
        });
      } else if (byCode.has(code)) {
        problems.push({
          line: header.line,
          column: name,
          message: `the column "${column} (${code})" appears twice`,
        });
      } else localIndex.set(column, byCode.set(code, i));
    } else if (index.has(column)) {
      problems.push({
        line: header.line,
        column: name,
        message: `the column "${column}" appears twice`,
      });
    } else index.set(column, i);
  });
  // A sheet that names its segments only by a "segment id" column uses the ids as titles.
  if (!index.has('segment') && index.has('segment id')) {
    index.set('segment', index.get('segment id') ?? 0);
    index.delete('segment id');
  }
  for (const required of ['segment', 'segment kind', 'segment budget'] as const) {
    if (!index.has(required))
      problems.push({
        line: header.line,
        column: required,
        message: `the column "${required}" is missing`,
      });
  }
  if (problems.length > 0) return { ok: false, problems };

  // A cell the exporter guarded against formulas ("'=…") is read without its guard quote.
  const read = (row: CsvRow, i: number | undefined) =>
    i === undefined ? '' : unguardCsvCell((row.cells[i] ?? '').trim());
  const cell = (row: CsvRow, column: CsvColumn) => read(row, index.get(column));
  /**
   * A text in every language the row gives: the plain column's text alone, or a map of languages
   * when a language's column is filled (the plain column then holds the first language). Absent
   * when every cell is empty.
   */
  const localCell = (row: CsvRow, column: LocalColumn): LocalText | undefined => {
    const plain = cell(row, column);
    const others = [...(localIndex.get(column) ?? [])]
      .map(([code, i]): [string, string] => [code, read(row, i)])
      .filter(([, value]) => value !== '');
    if (others.length === 0) return plain === '' ? undefined : plain;
    return Object.fromEntries(plain === '' ? others : [[firstLanguage, plain], ...others]);
  };
  const anyCell = (row: CsvRow, columns: readonly CsvColumn[]) =>
    columns.some(
      (c) =>
        cell(row, c) !== '' ||
        (isLocalColumn(c) && [...(localIndex.get(c)?.values() ?? [])].some((i) => read(row, i))),
    );
  /** The text a made id comes from: the first language's, else the first one given. */
  const firstText = (text: LocalText | undefined) =>
    text === undefined ? '' : typeof text === 'string' ? text : (Object.values(text)[0] ?? '');

  // Rows of one segment follow each other; a segment is named by its id, else by its title.
  const segments: Record<string, unknown>[] = [];
  const segmentLines: number[] = [];
  const itemLines: number[][] = [];
  const taken = new Set<string>();
  // Items whose "item id" is absent or empty: their ids are made from their names at the end,
  // once every id the file gives is known, so that a made id never takes a given one.
  const unnamed: { item: Record<string, unknown>; from: string }[] = [];
  let current: {
    key: string;
    record: Record<string, unknown>;
    items: Record<string, unknown>[];
  } | null = null;
  for (const row of body) {
    const title = localCell(row, 'segment') ?? '';
    const givenId = cell(row, 'segment id');
    const key = givenId !== '' ? `id:${givenId}` : `title:${JSON.stringify(title)}`;
    if (current === null || key !== current.key) {
      const kind = cell(row, 'segment kind').toLowerCase();
      const items: Record<string, unknown>[] = [];
      const record: Record<string, unknown> = {
        id: givenId !== '' ? givenId : slug(firstText(title), taken, 'segment'),
        kind: kind === 'open floor' || kind === 'débat' || kind === 'tribune' ? 'floor' : kind,
        title,
        budget: durationCell(cell(row, 'segment budget')),
      };
      if (givenId !== '') taken.add(givenId);
      const times: Record<string, unknown> = {};
      for (const requestKind of REQUEST_KINDS) {
        const value = durationCell(cell(row, TIME_COLUMNS[requestKind]));
        if (value !== undefined) times[requestKind] = value;
      }
      if (record.kind !== 'floor') record.items = items;
      if (Object.keys(times).length > 0) {
        if (record.kind === 'floor') record.times = times;
        else
          problems.push({
            line: row.line,
            column: TIME_COLUMNS[Object.keys(times)[0] as RequestKind],
            message:
              'only an open-floor segment has times per kind of request: a panel gives each item its minutes',
          });
      }
      segments.push(record);
      segmentLines.push(row.line);
      itemLines.push([]);
      current = { key, record, items };
    }
    if (!anyCell(row, ITEM_COLUMNS)) continue;
    if (current.record.kind === 'floor') {
      problems.push({
        line: row.line,
        column: 'item id',
        message: 'an open-floor segment has no items: its speakers come from the list of speakers',
      });
      continue;
    }
    const speaker: Record<string, LocalText> = {};
    for (const key of ['honorific', 'function', 'organisation'] as const) {
      const value = localCell(row, key);
      if (value !== undefined) speaker[key] = value;
    }
    for (const key of ['name', 'delegation'] as const) {
      const value = cell(row, key);
      if (value !== '') speaker[key] = value;
    }
    const item: Record<string, unknown> = {
      id: cell(row, 'item id'),
      kind: cell(row, 'kind').toLowerCase(),
      speaker: {
        ...(speaker.honorific === undefined ? {} : { honorific: speaker.honorific }),
        ...(speaker.name === undefined ? {} : { name: speaker.name }),
        ...(speaker.function === undefined ? {} : { function: speaker.function }),
        ...(speaker.organisation === undefined ? {} : { organisation: speaker.organisation }),
        ...(speaker.delegation === undefined ? {} : { delegation: speaker.delegation }),
      },
    };
    const topic = localCell(row, 'topic');
    if (topic !== undefined) item.topic = topic;
    for (const key of ['minutes', 'warning', 'danger'] as const) {
      const value = durationCell(cell(row, key));
      if (value !== undefined) item[key] = value;
    }
    if (cell(row, 'note') !== '') item.note = cell(row, 'note');
    if (item.id === '') unnamed.push({ item, from: cell(row, 'name') || String(item.kind) });
    current.items.push(item);
    itemLines[itemLines.length - 1]?.push(row.line);
  }
  const itemIds = new Set(
    segments.flatMap((s) =>
      Array.isArray(s.items) ? s.items.map((i: Record<string, unknown>) => String(i.id)) : [],
    ),
  );
  itemIds.delete('');
  for (const { item, from } of unnamed) item.id = slug(from, itemIds, 'item');
  if (segments.length === 0)
    problems.push({ line: null, column: null, message: 'The file has a header but no rows.' });
  if (problems.length > 0) return { ok: false, problems };

  const file = {
    id: session.id,
    title: session.title,
    ...(session.venue ? { venue: session.venue } : {}),
    ...(session.dates ? { dates: session.dates } : {}),
    plannedStart: session.plannedStart ?? null,
    timeZone: session.timeZone,
    ...(session.languages ? { languages: [...session.languages] } : {}),
    segments,
  };
  const result: ProgrammeResult = parseProgramme(file);
  if (result.ok) return { ok: true, programme: result.programme, file: file as ProgrammeFile };
  return {
    ok: false,
    problems: result.problems.map((p) => {
      const m = /^segments\[(\d+)\](?:\.items\[(\d+)\])?(?:\.([\w.]+))?/.exec(p.path);
      if (!m) return { line: null, column: p.path, message: p.message };
      const s = Number(m[1]);
      const line = m[2] === undefined ? segmentLines[s] : itemLines[s]?.[Number(m[2])];
      // `topic.fr`: the topic's French, in the column "topic (fr)".
      const [, field = '', code] = /^(.*?)(?:\.([a-z]{2,3}))?$/.exec(m[3] ?? '') ?? [];
      const named =
        m[2] === undefined
          ? ((
              {
                id: index.has('segment id') ? 'segment id' : 'segment',
                kind: 'segment kind',
                title: 'segment',
                budget: 'segment budget',
                ...Object.fromEntries(REQUEST_KINDS.map((k) => [`times.${k}`, TIME_COLUMNS[k]])),
              } as Record<string, string>
            )[field] ?? field)
          : (FIELD_COLUMN[field.replace(/^speaker\./, '')] ?? field);
      const column = code === undefined || code === firstLanguage ? named : `${named} (${code})`;
      // Other places are named by their line too, as the person sees them in the spreadsheet.
      const message = p.message.replace(
        /segments\[(\d+)\]\.items\[(\d+)\]/g,
        (whole, si: string, ii: string) => {
          const other = itemLines[Number(si)]?.[Number(ii)];
          return other === undefined ? whole : `line ${other}`;
        },
      );
      return { line: line ?? null, column, message };
    }),
  };
}

/** One sentence per problem: `line 4, column "minutes": must be a positive number`. Pure. */
export function describeCsvProblem(p: CsvProblem): string {
  const where = [
    p.line === null ? null : `line ${p.line}`,
    p.column === null ? null : `column "${p.column}"`,
  ]
    .filter(Boolean)
    .join(', ');
  return where ? `${where}: ${p.message}` : p.message;
}

/* ---------------------------------------------------------------------------------------- */
/* A programme to CSV                                                                       */
/* ---------------------------------------------------------------------------------------- */

/**
 * The programme as a spreadsheet, with a header row, one row per item and one row for each
 * segment without items. `delimiter: ';'` writes what a French Excel opens directly. Text that a
 * spreadsheet would read as a formula is guarded, and read back without its guard by
 * `importProgrammeCsv`. Pure.
 */
export function exportProgrammeCsv(file: ProgrammeFile, delimiter: CsvDelimiter = ','): string {
  const dur = (v: number | string | undefined): CsvValue => {
    if (v === undefined) return undefined;
    const value = typeof v === 'number' ? formatDurationForFile(Math.round(v * 60_000)) : v;
    return typeof value === 'string' && delimiter === ';' ? value.replace('.', ',') : value;
  };
  const first = (file.languages ?? DEFAULT_LANGUAGES)[0]?.split('-')[0] ?? 'en';
  type Cells = Partial<Record<CsvColumn, LocalText | number>>;
  const lines: Cells[] = [];
  for (const segment of file.segments) {
    const head: Cells = {
      segment: segment.title,
      'segment id': segment.id,
      'segment kind': segment.kind,
      'segment budget': segment.budget,
    };
    if (segment.kind === 'floor')
      for (const kind of REQUEST_KINDS) head[TIME_COLUMNS[kind]] = segment.times?.[kind];
    const items = segment.kind === 'panel' ? segment.items : [];
    if (items.length === 0) lines.push(head);
    for (const item of items)
      lines.push({
        ...head,
        'item id': item.id,
        kind: item.kind,
        honorific: item.speaker.honorific,
        name: item.speaker.name,
        function: item.speaker.function,
        organisation: item.speaker.organisation,
        delegation: item.speaker.delegation,
        topic: item.topic,
        minutes: item.minutes,
        warning: item.warning,
        danger: item.danger,
        note: item.note,
      });
  }
  // A column per further language that some text of that column has, in the programme's order.
  const order = (file.languages ?? DEFAULT_LANGUAGES).map((l) => l.split('-')[0] ?? l);
  const rank = (code: string) => (order.includes(code) ? order.indexOf(code) : order.length);
  type Column = { column: CsvColumn; code?: string };
  const columns = CSV_COLUMNS.flatMap((column): Column[] => {
    if (!isLocalColumn(column)) return [{ column }];
    const codes = new Set<string>();
    for (const line of lines) {
      const text = line[column];
      if (typeof text === 'object') for (const code of Object.keys(text)) codes.add(code);
    }
    codes.delete(first);
    const extra = [...codes].sort((a, b) => rank(a) - rank(b));
    return [{ column }, ...extra.map((code) => ({ column, code }))];
  });
  const DURATIONS: readonly CsvColumn[] = [
    'segment budget',
    'minutes',
    'warning',
    'danger',
    ...Object.values(TIME_COLUMNS),
  ];
  const value = (line: Cells, { column, code }: Column): CsvValue => {
    const v = line[column];
    if (DURATIONS.includes(column)) return dur(typeof v === 'object' ? undefined : v);
    // A plain text is in the first language: its column only.
    if (typeof v !== 'object') return code === undefined ? v : undefined;
    return Object.hasOwn(v, code ?? first) ? v[code ?? first] : undefined;
  };
  return csvTable(
    [
      columns.map(({ column, code }) => (code === undefined ? column : `${column} (${code})`)),
      ...lines.map((line) => columns.map((c) => value(line, c))),
    ],
    delimiter,
  );
}

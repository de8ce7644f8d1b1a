/**
 * Programmes as spreadsheets: one row per item, and a row with empty item columns for a segment
 * without items (an open floor). Reads what Excel writes in English and French locales: comma or
 * semicolon, decimal point or comma. It takes text: a file's bytes are decoded where they arrive
 * (UTF-8 with or without a byte-order mark, else Windows-1252: `server/spreadsheetText.ts`). Every
 * problem is named by line and column. Pure.
 */
import { csvTable, unguardCsvCell, type CsvDelimiter, type CsvValue } from './csv.ts';
import { formatDurationForFile } from './duration.ts';
import { slug } from './fold.ts';
import {
  parseProgramme,
  type Programme,
  type ProgrammeFile,
  type ProgrammeResult,
} from './programme.ts';

/** The columns, in the order Gavel writes them. */
export const CSV_COLUMNS = [
  'segment',
  'segment kind',
  'segment budget',
  'item id',
  'kind',
  'honorific',
  'name',
  'function',
  'organisation',
  'topic',
  'minutes',
  'warning',
  'danger',
  'note',
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

/** Header names a French spreadsheet may use, mapped to Gavel's. */
const ALIASES: Record<string, CsvColumn> = {
  'segment id': 'segment',
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
  readonly title: string;
  readonly timeZone: string;
  readonly plannedStart?: string | null;
  readonly venue?: string;
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

/** The item's columns: all but the segment's three. */
const ITEM_COLUMNS: readonly CsvColumn[] = CSV_COLUMNS.slice(3);
const FIELD_COLUMN: Record<string, CsvColumn> = {
  id: 'item id',
  kind: 'kind',
  honorific: 'honorific',
  name: 'name',
  function: 'function',
  organisation: 'organisation',
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
  const index = new Map<CsvColumn, number>();
  header.cells.forEach((name, i) => {
    const key = normalise(name);
    const column = (CSV_COLUMNS as readonly string[]).includes(key)
      ? (key as CsvColumn)
      : ALIASES[key];
    if (column === undefined) {
      if (key !== '')
        problems.push({
          line: header.line,
          column: name,
          message: `"${name}" is not a column Gavel knows (the columns are: ${CSV_COLUMNS.join(', ')})`,
        });
    } else if (index.has(column)) {
      problems.push({
        line: header.line,
        column: name,
        message: `the column "${column}" appears twice`,
      });
    } else index.set(column, i);
  });
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
  const cell = (row: CsvRow, column: CsvColumn) => {
    const i = index.get(column);
    return i === undefined ? '' : unguardCsvCell((row.cells[i] ?? '').trim());
  };

  // Rows of one segment follow each other; a segment is named by its title.
  const segments: Record<string, unknown>[] = [];
  const segmentLines: number[] = [];
  const itemLines: number[][] = [];
  const taken = new Set<string>();
  // Items whose "item id" is absent or empty: their ids are made from their names at the end,
  // once every id the file gives is known, so that a made id never takes a given one.
  const unnamed: { item: Record<string, unknown>; from: string }[] = [];
  let current: {
    title: string;
    record: Record<string, unknown>;
    items: Record<string, unknown>[];
  } | null = null;
  for (const row of body) {
    const title = cell(row, 'segment');
    if (current === null || title !== current.title) {
      const kind = cell(row, 'segment kind').toLowerCase();
      const items: Record<string, unknown>[] = [];
      const record: Record<string, unknown> = {
        id: slug(title, taken, 'segment'),
        kind: kind === 'open floor' || kind === 'débat' || kind === 'tribune' ? 'floor' : kind,
        title,
        budget: durationCell(cell(row, 'segment budget')),
      };
      if (record.kind !== 'floor') record.items = items;
      segments.push(record);
      segmentLines.push(row.line);
      itemLines.push([]);
      current = { title, record, items };
    }
    const hasItem = ITEM_COLUMNS.some((c) => cell(row, c) !== '');
    if (!hasItem) continue;
    if (current.record.kind === 'floor') {
      problems.push({
        line: row.line,
        column: 'item id',
        message: 'an open-floor segment has no items: its speakers come from the list of speakers',
      });
      continue;
    }
    const speaker: Record<string, string> = {};
    for (const key of ['honorific', 'name', 'function', 'organisation'] as const) {
      const value = cell(row, key);
      if (value !== '') speaker[key] = value;
    }
    const item: Record<string, unknown> = {
      id: cell(row, 'item id'),
      kind: cell(row, 'kind').toLowerCase(),
      speaker,
    };
    for (const key of ['topic', 'note'] as const)
      if (cell(row, key) !== '') item[key] = cell(row, key);
    for (const key of ['minutes', 'warning', 'danger'] as const) {
      const value = durationCell(cell(row, key));
      if (value !== undefined) item[key] = value;
    }
    if (item.id === '') unnamed.push({ item, from: speaker.name ?? String(item.kind) });
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
      const field = m[3] ?? '';
      const column =
        m[2] === undefined
          ? ((
              {
                id: 'segment',
                kind: 'segment kind',
                title: 'segment',
                budget: 'segment budget',
              } as Record<string, string>
            )[field] ?? field)
          : (FIELD_COLUMN[field.replace(/^speaker\./, '')] ?? field);
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
  const rows: CsvValue[][] = [[...CSV_COLUMNS]];
  for (const segment of file.segments) {
    const head = [segment.title, segment.kind, dur(segment.budget)];
    const items = segment.kind === 'panel' ? segment.items : [];
    if (items.length === 0) rows.push([...head, ...ITEM_COLUMNS.map(() => undefined)]);
    for (const item of items)
      rows.push([
        ...head,
        item.id,
        item.kind,
        item.speaker.honorific,
        item.speaker.name,
        item.speaker.function,
        item.speaker.organisation,
        item.topic,
        dur(item.minutes),
        dur(item.warning),
        dur(item.danger),
        item.note,
      ]);
  }
  return csvTable(rows, delimiter);
}

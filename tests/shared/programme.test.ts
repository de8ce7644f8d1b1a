import { describe, expect, it } from 'vitest';
import { findDelegation } from '../../shared/delegations.ts';
import { formatDurationForFile, parseDuration } from '../../shared/duration.ts';
import { Command } from '../../shared/commands.ts';
import {
  DEFAULT_REQUEST_TIMES_MS,
  describeIssues,
  parseProgramme,
  programmeError,
  resolveThresholds,
  type Programme,
} from '../../shared/programme.ts';
import { pick, type LocalText } from '../../shared/localText.ts';
import { Driver, MINUTE, SECOND, plenary, plenaryJson } from './helpers.ts';

function parsed(file: unknown): Programme {
  const result = parseProgramme(file);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.programme;
}

/** A programme of one panel segment holding the given items. */
function withItems(items: unknown[]): unknown {
  return {
    id: 'p',
    title: 'P',
    timeZone: 'Europe/Amsterdam',
    segments: [{ id: 's', kind: 'panel', title: 'S', budget: 60, items }],
  };
}

describe('the built-in plenary', () => {
  const programme = plenary();
  const items = (segmentId: string) =>
    programme.segments.find((s) => s.id === segmentId)?.items ?? [];
  const item = (id: string) => {
    const found = programme.segments.flatMap((s) => s.items).find((i) => i.id === id);
    if (!found) throw new Error(`no item ${id}`);
    return found;
  };

  it('parses, with the session as the concept note gives it', () => {
    expect(programme.id).toBe('asp15-cooperation');
    expect(programme.venue).toEqual({ en: 'World Forum, The Hague', fr: 'World Forum, La Haye' });
    expect(programme.dates).toEqual({ from: '2016-11-16', to: '2016-11-24' });
    expect(programme.plannedStart).toBeNull();
    expect(programme.timeZone).toBe('Europe/Amsterdam');
    expect(programme.languages).toEqual(['en', 'fr']);
    expect(programme.segments.map((s) => [s.id, s.kind, s.budgetMs])).toEqual([
      ['panel', 'panel', 90 * MINUTE],
      ['floor', 'floor', 85 * MINUTE],
      ['closing', 'panel', 5 * MINUTE],
    ]);
  });

  it('holds the panel in the programme order: opening, introduction, seven panellists, summary', () => {
    expect(items('panel').map((i) => i.id)).toEqual([
      'opening',
      'introduction',
      'bensouda',
      'al-sour',
      'coninsx',
      'bomberger',
      'von-hebel',
      'gassama',
      'bernard',
      'summary',
    ]);
    expect(items('panel').filter((i) => i.kind === 'presentation')).toHaveLength(7);
    expect(items('closing').map((i) => [i.id, i.kind])).toEqual([['concluding', 'remarks']]);
  });

  it('adds up per-item minutes within each budget', () => {
    for (const segment of programme.segments) {
      const sum = segment.items.reduce((total, i) => total + i.allottedMs, 0);
      expect(sum, segment.id).toBeLessThanOrEqual(segment.budgetMs);
    }
    expect(items('panel').reduce((t, i) => t + i.allottedMs, 0)).toBe(90 * MINUTE);
    expect(items('closing').reduce((t, i) => t + i.allottedMs, 0)).toBe(5 * MINUTE);
    const total = programme.segments.reduce((t, s) => t + s.budgetMs, 0);
    expect(total).toBe(180 * MINUTE); // "Format (3 hours total)"
  });

  it('gives the open floor its time per kind of request', () => {
    const floor = programme.segments[1];
    expect(floor?.kind).toBe('floor');
    if (floor?.kind !== 'floor') return;
    expect(floor.timesMs).toEqual({
      statement: 3 * MINUTE,
      question: 2 * MINUTE,
      answer: 3 * MINUTE,
      reply: 3 * MINUTE,
      'point-of-order': 1 * MINUTE,
    });
  });

  it('mends the facts of the concept note', () => {
    expect(item('bensouda').speaker).toMatchObject({
      honorific: { en: 'Ms', fr: 'Mme' },
      name: 'Fatou Bensouda',
      function: { en: 'Prosecutor', fr: 'Procureure' },
      organisation: { en: 'International Criminal Court', fr: 'Cour pénale internationale' },
    });
    // The FIDH's own name is French: one text for both languages.
    expect(item('bernard').speaker.organisation).toBe(
      'Fédération internationale pour les droits humains (FIDH)',
    );
    const en = (text: LocalText | undefined) => pick(text, 'en');
    expect(en(item('gassama').speaker.function)).toContain('MINUSCA');
    expect(en(item('gassama').speaker.function)).toContain('Central African Republic');
    expect(pick(item('gassama').speaker.function, 'fr')).toContain('République centrafricaine');
    expect(en(item('bomberger').speaker.organisation)).toContain(
      'International Commission on Missing Persons',
    );
    expect(item('introduction').speaker).toMatchObject({
      honorific: { en: 'Mr', fr: 'M.' },
      name: 'Arie IJzerman',
    });
    expect(en(item('introduction').speaker.function)).toContain(
      'Deputy Director General for the Administration of Justice and Law Enforcement',
    );
    expect(item('opening').speaker).toMatchObject({
      honorific: { en: 'Ambassador', fr: 'S.E. M.' },
      name: 'Paul Wilke',
    });
  });

  it('keeps none of the words broken by the PDF extraction, nor the wrong facts', () => {
    const text = JSON.stringify(plenaryJson());
    for (const broken of [
      'moderato r',
      'Eng forcement',
      'Engforcement',
      'coordinate ed',
      'coordinateed',
      'joints efforts',
      "Libyan's",
      'Mr. Fatou',
      'Mr Fatou',
      'Commission for Missing',
      'Fédération International de',
      'opportu nities',
      'M INUSCA',
    ]) {
      expect(text, broken).not.toContain(broken);
    }
    expect(pick(item('bensouda').topic, 'en')).toContain('a coordinated investigative');
  });

  it('names delegations that the shipped list knows', () => {
    for (const i of programme.segments.flatMap((s) => s.items)) {
      if (i.speaker.delegation === undefined) continue;
      expect(
        findDelegation(i.speaker.delegation),
        `${i.id}: ${i.speaker.delegation}`,
      ).toBeDefined();
    }
  });
});

describe('durations', () => {
  it.each([
    [12, 12 * MINUTE],
    [2.5, 150 * SECOND],
    [0.75, 45 * SECOND],
    ['12', 12 * MINUTE],
    [' 3 ', 3 * MINUTE],
    ['2.5', 150 * SECOND],
    ['2:30', 150 * SECOND],
    ['0:45', 45 * SECOND],
    ['11:00', 11 * MINUTE],
    ['90:00', 90 * MINUTE],
    ['1:02:03', 3723 * SECOND],
    [0, 0],
    [-3, -3 * MINUTE],
  ] as const)('%j is %i ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', 'abc', '2:75', '2:5', '-3', '3 min', '1:2:3:4', ':30', '2,5'])(
    '%j is not a duration',
    (text) => {
      expect(parseDuration(text)).toBeNull();
    },
  );

  it.each([Number.NaN, Number.POSITIVE_INFINITY])('%d is not a duration', (n) => {
    expect(parseDuration(n)).toBeNull();
  });

  it.each([
    [12 * MINUTE, 12],
    [150 * SECOND, '2:30'],
    [45 * SECOND, '0:45'],
    [90 * MINUTE, 90],
  ] as const)('%i ms is written back as %j', (ms, text) => {
    expect(formatDurationForFile(ms)).toBe(text);
    expect(parseDuration(text)).toBe(ms);
  });

  it('reads minutes and "m:ss" in a file alike', () => {
    const programme = parsed(
      withItems([
        { id: 'a', kind: 'remarks', speaker: { name: 'A' }, minutes: 2.5 },
        { id: 'b', kind: 'remarks', speaker: { name: 'B' }, minutes: '2:30' },
        {
          id: 'c',
          kind: 'remarks',
          speaker: { name: 'C' },
          minutes: 11,
          warning: '1:30',
          danger: 0.5,
        },
      ]),
    );
    expect(
      programme.segments[0]?.items.map((i) => [i.allottedMs, i.warningMs, i.dangerMs]),
    ).toEqual([
      [150 * SECOND, 60 * SECOND, 30 * SECOND],
      [150 * SECOND, 60 * SECOND, 30 * SECOND],
      [11 * MINUTE, 90 * SECOND, 30 * SECOND],
    ]);
  });
});

describe('warning and danger thresholds', () => {
  it.each([
    // allotted, warning given, danger given → warning, danger
    [
      'a turn of exactly 5 min takes 2 min / 1 min',
      5 * MINUTE,
      undefined,
      undefined,
      2 * MINUTE,
      MINUTE,
    ],
    ['a turn of 11 min takes 2 min / 1 min', 11 * MINUTE, undefined, undefined, 2 * MINUTE, MINUTE],
    [
      'a turn just under 5 min takes 1 min / 30 s',
      5 * MINUTE - 1,
      undefined,
      undefined,
      MINUTE,
      30 * SECOND,
    ],
    [
      'a statement of 3 min takes 1 min / 30 s',
      3 * MINUTE,
      undefined,
      undefined,
      MINUTE,
      30 * SECOND,
    ],
    // A phase never starts before its turn does (issue 15, item 8): these were clamped to the
    // allotted time, so the turn started amber or red.
    [
      'a turn of 2 min takes 1 min / 30 s, half and a quarter of it',
      2 * MINUTE,
      undefined,
      undefined,
      MINUTE,
      30 * SECOND,
    ],
    [
      'a one-minute point of order warns at 30 s and turns red at 15 s',
      MINUTE,
      undefined,
      undefined,
      30 * SECOND,
      15 * SECOND,
    ],
    [
      'a turn of 45 s scales the defaults: half and a quarter',
      45 * SECOND,
      undefined,
      undefined,
      22.5 * SECOND,
      11.25 * SECOND,
    ],
    [
      'a turn of 20 s scales the defaults: half and a quarter',
      20 * SECOND,
      undefined,
      undefined,
      10 * SECOND,
      5 * SECOND,
    ],
    [
      'a given warning above the allotted time scales to half of it, danger keeping its share',
      5 * MINUTE,
      6 * MINUTE,
      undefined,
      2.5 * MINUTE,
      25 * SECOND,
    ],
    [
      'given thresholds above the allotted time scale to it',
      3 * MINUTE,
      5 * MINUTE,
      4 * MINUTE,
      90 * SECOND,
      72 * SECOND,
    ],
    [
      'a given warning at the allotted time does not fit either',
      3 * MINUTE,
      3 * MINUTE,
      MINUTE,
      90 * SECOND,
      30 * SECOND,
    ],
    [
      'a danger above the warning comes down to it',
      10 * MINUTE,
      30 * SECOND,
      undefined,
      30 * SECOND,
      30 * SECOND,
    ],
    ['zero means no such phase', 10 * MINUTE, 0, 0, 0, 0],
    [
      'given thresholds below the allotted time stand',
      12 * MINUTE,
      3 * MINUTE,
      90 * SECOND,
      3 * MINUTE,
      90 * SECOND,
    ],
  ] as const)('%s', (_name, allotted, warning, danger, expectedWarning, expectedDanger) => {
    expect(resolveThresholds(allotted, warning, danger)).toEqual({
      warningMs: expectedWarning,
      dangerMs: expectedDanger,
    });
  });

  it('resolves an item of the file the same way', () => {
    const programme = parsed(
      withItems([
        { id: 'long', kind: 'presentation', speaker: { name: 'L' }, minutes: 11 },
        { id: 'short', kind: 'statement', speaker: { name: 'S' }, minutes: 3 },
        {
          id: 'clamped',
          kind: 'statement',
          speaker: { name: 'C' },
          minutes: 2,
          warning: 3,
          danger: '2:30',
        },
      ]),
    );
    const [long, short, clamped] = programme.segments[0]?.items ?? [];
    expect([long?.warningMs, long?.dangerMs]).toEqual([2 * MINUTE, MINUTE]);
    expect([short?.warningMs, short?.dangerMs]).toEqual([MINUTE, 30 * SECOND]);
    // 2 min with warning 3 and danger 2:30: scaled to 1 min and 50 s (it was clamped to 2 min).
    expect([clamped?.warningMs, clamped?.dangerMs]).toEqual([MINUTE, 50 * SECOND]);
  });

  it('ships the time per kind of request of the issue', () => {
    expect(DEFAULT_REQUEST_TIMES_MS).toEqual({
      statement: 3 * MINUTE,
      question: 2 * MINUTE,
      answer: 3 * MINUTE,
      reply: 3 * MINUTE,
      'point-of-order': MINUTE,
    });
  });
});

describe('a programme file with mistakes', () => {
  const file = {
    id: 'asp 15',
    title: 42,
    venue: '',
    dates: { from: '2016-11-24', to: '2016-11-16' },
    plannedStart: '2016-11-31T10:00',
    timeZone: 'Europe/Den_Haag',
    languages: ['English'],
    chair: 'Mr IJzerman',
    segments: [
      {
        id: 'panel',
        kind: 'panel',
        title: 'Panel',
        budget: 0,
        items: [
          { id: 'opening', kind: 'remarks', speaker: { name: 'Paul Wilke' }, minutes: 4 },
          { id: 'intro', kind: 'remarks', speaker: { name: 'Arie IJzerman' }, minutes: -2 },
          { id: 'bensouda', kind: 'keynote', speaker: { name: 'Fatou Bensouda' }, minutes: 11 },
          { id: 'al-sour', kind: 'presentation', minutes: 11 },
          {
            id: 'coninsx',
            kind: 'presentation',
            speaker: { name: 'Michèle Coninsx' },
            minutes: '2:75',
            warning: 'soon',
          },
          {
            id: 'bomberger',
            kind: 'presentation',
            speaker: { name: 'Kathryne Bomberger' },
            minutes: 11,
            warning: 1,
            danger: 2,
          },
          {
            id: 'opening',
            kind: 'presentation',
            speaker: { name: 'Herman von Hebel' },
            minutes: 11,
          },
          {
            id: 'gassama',
            kind: 'presentation',
            speaker: { name: 'Musa Yerro Gassama' },
            minutes: true,
          },
        ],
      },
      { id: 'break', kind: 'break', title: 'Coffee', budget: 15 },
      {
        id: 'panel',
        kind: 'floor',
        title: 'Open floor',
        budget: 85,
        times: { statement: 3, speech: 5 },
      },
    ],
  };

  it('is refused whole, every mistake named by its path and in words', () => {
    const result = parseProgramme(file);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const minutesWords = 'must be minutes (a number such as 12 or 2.5) or "m:ss" (such as "2:30")';
    expect(result.problems).toEqual([
      {
        path: 'id',
        message:
          'must be 1 to 64 letters, digits, dots, dashes or underscores, starting with a letter or digit',
      },
      {
        path: 'title',
        message: 'must be text, or languages and their texts such as {"en": "…", "fr": "…"}',
      },
      { path: 'venue', message: 'must not be empty' },
      { path: 'plannedStart', message: 'must be a day of the calendar and a time of the day' },
      { path: 'timeZone', message: 'must be a time zone name such as "Europe/Amsterdam"' },
      { path: 'languages[0]', message: 'must be a language code such as "en"' },
      { path: 'segments[0].budget', message: 'must be a positive number' },
      { path: 'segments[0].items[1].minutes', message: 'must be a positive number' },
      {
        path: 'segments[0].items[2].kind',
        message:
          'must be one of "remarks", "presentation", "summary", "statement", "question", "answer", "reply"',
      },
      { path: 'segments[0].items[3].speaker', message: 'is missing' },
      { path: 'segments[0].items[4].minutes', message: minutesWords },
      { path: 'segments[0].items[4].warning', message: minutesWords },
      { path: 'segments[0].items[7].minutes', message: minutesWords },
      { path: 'segments[1].kind', message: 'must be "panel" or "floor"' },
      {
        path: 'segments[2].times.speech',
        message: 'is not a key Gavel knows (check its spelling in docs/programme.md)',
      },
      {
        path: 'chair',
        message: 'is not a key Gavel knows (check its spelling in docs/programme.md)',
      },
      {
        path: 'segments[0].items[5].danger',
        message: 'must not be more than the warning time (danger comes after warning)',
      },
      {
        path: 'segments[0].items[6].id',
        message: '"opening" is already the id of segments[0].items[0]',
      },
      { path: 'segments[2].id', message: '"panel" is already the id of segments[0]' },
      { path: 'dates.to', message: 'must not be before dates.from' },
    ]);
    const error = programmeError(result.problems);
    expect(error.code).toBe('invalid');
    expect(error.message).toMatch(/^The programme has 20 problems: id: must be 1 to 64/);
    expect(error.message).toContain('segments[0].items[3].speaker: is missing');
  });

  it.each([
    ['a missing field', { title: undefined }, 'title', 'is missing'],
    [
      'null where text goes',
      { title: null },
      'title',
      'must be text, or languages and their texts such as {"en": "…", "fr": "…"}',
    ],
    ['a list where an object goes', { dates: [] }, 'dates', 'must be an object'],
    [
      'an impossible date',
      { dates: { from: '2016-02-30', to: '2016-03-01' } },
      'dates.from',
      'must be a day of the calendar',
    ],
    [
      'a date in another shape',
      { dates: { from: '16/11/2016', to: '2016-11-24' } },
      'dates.from',
      'must be a date as YYYY-MM-DD',
    ],
    [
      'a planned start with an offset',
      { plannedStart: '2016-11-17T10:00+01:00' },
      'plannedStart',
      'must be a local date and time as YYYY-MM-DDTHH:MM, without a time zone offset',
    ],
    [
      'a planned start at 24:30',
      { plannedStart: '2016-11-17T24:30' },
      'plannedStart',
      'must be a day of the calendar and a time of the day',
    ],
    ['no segments', { segments: [] }, 'segments', 'must hold at least one segment'],
    ['no languages', { languages: [] }, 'languages', 'must name at least one language'],
  ] as const)('names %s', (_name, change, path, message) => {
    const result = parseProgramme({ ...plenaryJson(), ...change });
    expect(result).toEqual({ ok: false, problems: [{ path, message }] });
  });

  it.each([null, [], 'a programme', 42])('refuses %j as a whole', (input) => {
    expect(parseProgramme(input)).toEqual({
      ok: false,
      problems: [{ path: '(the file)', message: 'must be an object' }],
    });
  });

  it('accepts a planned start in the time zone, and a file without optional keys', () => {
    const programme = parsed({
      id: 'p',
      title: 'P',
      plannedStart: '2016-11-17T10:00',
      timeZone: 'Europe/Amsterdam',
      segments: [{ id: 'f', kind: 'floor', title: 'F', budget: '1:30:00' }],
    });
    expect(programme.plannedStart).toBe('2016-11-17T10:00');
    expect(programme.languages).toEqual(['en', 'fr']);
    expect(programme.segments[0]?.budgetMs).toBe(90 * MINUTE);
  });
});

describe('texts in several languages', () => {
  const prosecutor = { en: 'Prosecutor', fr: 'Procureure' };

  it.each<[string, LocalText | undefined, string, string | undefined]>([
    ['a plain text, whatever the language', 'Eurojust', 'fr', 'Eurojust'],
    ['the language asked for', prosecutor, 'fr', 'Procureure'],
    ['the language of a regional tag', prosecutor, 'fr-CH', 'Procureure'],
    ['the first language for one the text lacks', prosecutor, 'ar', 'Prosecutor'],
    ['the first language for no language at all', prosecutor, '', 'Prosecutor'],
    ['the first language, not an object key', prosecutor, 'constructor', 'Prosecutor'],
    ['the map’s first language, which need not be English', { fr: 'Greffier' }, 'en', 'Greffier'],
    ['nothing for no text', undefined, 'fr', undefined],
  ])('pick gives %s', (_, text, lang, shown) => {
    expect(pick(text, lang)).toBe(shown);
  });

  /** The plenary's file with one change, parsed. */
  const withTitle = (title: unknown, languages?: readonly string[]) =>
    parseProgramme({
      ...plenaryJson(),
      title,
      ...(languages === undefined ? {} : { languages }),
    });

  it('reads a title in each of the programme’s languages, the programme’s first language first', () => {
    const result = withTitle({ fr: 'Plénière', en: 'Plenary' });
    expect(result.ok && result.programme.title).toEqual({ en: 'Plenary', fr: 'Plénière' });
    expect(result.ok && Object.keys(result.programme.title)).toEqual(['en', 'fr']);
  });

  it('reads a text in the first language alone as the plain text it is', () => {
    const result = withTitle({ en: 'Plenary' });
    expect(result.ok && result.programme.title).toBe('Plenary');
    const french = withTitle({ fr: 'Plénière' });
    expect(french.ok && french.programme.title).toEqual({ fr: 'Plénière' });
  });

  it.each<[string, unknown, readonly string[] | undefined, string, string]>([
    ['an empty map', {}, undefined, 'title', 'must hold at least one language'],
    ['an empty text', { en: 'Plenary', fr: ' ' }, undefined, 'title.fr', 'must not be empty'],
    [
      'a language in capitals',
      { EN: 'Plenary' },
      undefined,
      'title.EN',
      '"EN" is not a language code Gavel knows: write a language\'s two- or three-letter code in small letters, such as "en", "fr" or "ar"',
    ],
    [
      'a code no language has',
      { xx: 'Plenary' },
      undefined,
      'title.xx',
      '"xx" is not a language code Gavel knows: write a language\'s two- or three-letter code in small letters, such as "en", "fr" or "ar"',
    ],
    [
      'a three-letter code where the two-letter one is the language’s',
      { eng: 'Plenary' },
      undefined,
      'title.eng',
      '"eng" is not a language code Gavel knows: write a language\'s two- or three-letter code in small letters, such as "en", "fr" or "ar"',
    ],
    [
      'a language the programme does not list',
      { en: 'Plenary', es: 'Plenaria' },
      ['en', 'fr'],
      'title.es',
      'is not one of the programme\'s languages ("en", "fr"): add it to "languages" or remove this text',
    ],
    [
      'a number',
      12,
      undefined,
      'title',
      'must be text, or languages and their texts such as {"en": "…", "fr": "…"}',
    ],
  ])('refuses %s, by its path and in words', (_, title, languages, path, message) => {
    const result = withTitle(title, languages);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems).toEqual([{ path, message }]);
  });

  it('names a wrong language deep in an item by its path', () => {
    const file = plenaryJson() as { segments: { items: { speaker: Record<string, unknown> }[] }[] };
    const speaker = file.segments[0]?.items[2]?.speaker;
    if (speaker) speaker.function = { en: 'Prosecutor', de: 'Anklägerin' };
    const result = parseProgramme(file);
    expect(!result.ok && result.problems.map((p) => p.path)).toEqual([
      'segments[0].items[2].speaker.function.de',
    ]);
  });

  it('accepts a text with several languages in a command, and refuses a wrong one without a change', () => {
    const d = new Driver();
    d.ok({
      type: 'item.update',
      itemId: 'a',
      changes: { topic: { fr: 'La coopération', en: 'Cooperation' } },
    });
    expect(d.state.segments[0]?.items[0]?.topic).toEqual({
      en: 'Cooperation',
      fr: 'La coopération',
    });
    d.ok({ type: 'segment.update', segmentId: 'panel', changes: { title: { fr: 'Panel (FR)' } } });
    expect(d.state.segments[0]?.title).toEqual({ fr: 'Panel (FR)' });
    d.ok({ type: 'session.update', changes: { title: { en: 'Small', fr: 'Petite' } } });
    expect(d.state.meta.title).toEqual({ en: 'Small', fr: 'Petite' });
    // The one schema at the trust boundary names what is wrong.
    const wrong = Command.safeParse({
      type: 'item.update',
      itemId: 'a',
      changes: { topic: { english: 'Cooperation' } },
    });
    expect(!wrong.success && describeIssues(wrong.error.issues)).toEqual([
      {
        path: 'changes.topic.english',
        message:
          '"english" is not a language code Gavel knows: write a language\'s two- or three-letter code in small letters, such as "en", "fr" or "ar"',
      },
    ]);
    const empty = Command.safeParse({ type: 'session.update', changes: { title: {} } });
    expect(!empty.success && describeIssues(empty.error.issues)).toEqual([
      { path: 'changes.title', message: 'must hold at least one language' },
    ]);
  });
});

/**
 * The message catalogues (`client/i18n/`) and the delegation names
 * (`shared/programmes/delegation-names/`): every language has every key of English with the same
 * placeholders, each compiles by its language's plural rules, French is typeset the French way,
 * every delegation has its name in every language; and the compiled words say what a reader
 * expects (plurals, a decimal comma, Western digits).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { parse, type Token } from '@messageformat/parser';
import { describe, expect, it } from 'vitest';
import { DELEGATIONS } from '../../shared/delegations.ts';
import { REFUSALS } from '../../shared/refusals.ts';
import arPublic from '../../client/i18n/public/ar.json?messages';
import frPublic from '../../client/i18n/public/fr.json?messages';
import ruPublic from '../../client/i18n/public/ru.json?messages';
import { PUBLIC_REFUSALS } from '../../client/i18n/laterCatalogues.ts';
import { LANGS, sentence, type CompiledMessages } from '../../client/lib/i18n.ts';
import { compileCatalogue } from '../../scripts/messageCatalogues.ts';

const I18N = new URL('../../client/i18n/', import.meta.url);
const NAMES = new URL('../../shared/programmes/delegation-names/', import.meta.url);
const json = (url: URL): unknown => JSON.parse(readFileSync(url, 'utf8'));

type Messages = Record<string, string>;
type Sections = Record<string, Messages>;

/** Every catalogue folder with sections, and the languages it has. */
const FOLDERS = ['public', 'picker', 'floor', 'stage', 'desk'].map((folder) => ({
  folder,
  langs: readdirSync(new URL(`${folder}/`, I18N)).map((f) => f.replace(/\.json$/, '')),
}));

const sectionsOf = (folder: string, lang: string) =>
  json(new URL(`${folder}/${lang}.json`, I18N)) as Sections;

/** The values a message names: plain arguments, and those of plurals, selects and functions. */
function placeholders(message: string, locale: string): string[] {
  const names = new Set<string>();
  const walk = (tokens: readonly Token[]) => {
    for (const token of tokens) {
      if (token.type === 'content' || token.type === 'octothorpe') continue;
      names.add(token.arg);
      if ('cases' in token) for (const c of token.cases) walk(c.tokens);
    }
  };
  walk(
    parse(message, {
      cardinal: [...new Intl.PluralRules(locale).resolvedOptions().pluralCategories],
    }),
  );
  return [...names].sort();
}

/** Every message of a sectioned catalogue, as [section.key, text]. */
const messagesOf = (sections: Sections): [string, string][] =>
  Object.entries(sections).flatMap(([section, messages]) =>
    Object.entries(messages).map(([key, text]): [string, string] => [`${section}.${key}`, text]),
  );

describe('the catalogues', () => {
  it('give the public pages the six official languages, and the console and report English and French', () => {
    const six = LANGS.map((l) => l.code).sort();
    for (const { folder, langs } of FOLDERS) {
      expect(langs.sort(), folder).toEqual(folder === 'desk' ? ['en', 'fr'] : six);
    }
  });

  describe.each(FOLDERS)('$folder', ({ folder, langs }) => {
    const english = sectionsOf(folder, 'en');
    it.each(langs.filter((l) => l !== 'en'))(
      '%s has every key of English, with its placeholders',
      (lang) => {
        const theirs = sectionsOf(folder, lang);
        expect(Object.keys(theirs).sort()).toEqual(Object.keys(english).sort());
        for (const [section, messages] of Object.entries(english)) {
          expect(Object.keys(theirs[section] ?? {}).sort(), `${lang} ${section}`).toEqual(
            Object.keys(messages).sort(),
          );
          for (const [key, text] of Object.entries(messages)) {
            const translated = theirs[section]?.[key] ?? '';
            expect(translated.trim(), `${lang} ${section}.${key} is empty`).not.toBe('');
            expect(placeholders(translated, lang), `${lang} ${section}.${key}`).toEqual(
              placeholders(text, 'en'),
            );
          }
        }
      },
    );

    it.each(langs)('%s compiles by its language’s plural rules', (lang) => {
      expect(() =>
        compileCatalogue(new URL(`${folder}/${lang}.json`, I18N).pathname),
      ).not.toThrow();
    });
  });

  describe('refusals', () => {
    const langs = readdirSync(new URL('refusals/', I18N)).map((f) => f.replace(/\.json$/, ''));
    const english = REFUSALS as Record<string, string>;

    it('are worded in every language but English, which is the server’s', () => {
      expect(langs.sort()).toEqual(['ar', 'es', 'fr', 'ru', 'zh']);
    });

    it.each(langs)('%s has the refusals it must, with the placeholders of English', (lang) => {
      const theirs = json(new URL(`refusals/${lang}.json`, I18N)) as Messages;
      const wanted = lang === 'fr' ? Object.keys(english) : [...PUBLIC_REFUSALS];
      expect(Object.keys(theirs).sort()).toEqual([...wanted].sort());
      for (const [key, text] of Object.entries(theirs)) {
        expect(placeholders(text, lang), `${lang} ${key}`).toEqual(
          placeholders(english[key] ?? '', 'en'),
        );
      }
      expect(() => compileCatalogue(new URL(`refusals/${lang}.json`, I18N).pathname)).not.toThrow();
    });
  });
});

describe('French typography', () => {
  const french: [string, string][] = [
    ...FOLDERS.flatMap(({ folder }) =>
      messagesOf(sectionsOf(folder, 'fr')).map(([k, t]): [string, string] => [`${folder} ${k}`, t]),
    ),
    ...Object.entries(json(new URL('refusals/fr.json', I18N)) as Messages).map(
      ([k, t]): [string, string] => [`refusals ${k}`, t],
    ),
  ];

  /** The text a reader reads as French: not what is quoted as code ("Authorization: Bearer"). */
  const prose = (text: string) => text.replace(/"[^"]*"/g, '""');

  it('has checked every French message', () => {
    expect(french.length).toBeGreaterThan(400);
  });

  it('puts a narrow no-break space, and no other, before : ; ? ! that end a clause', () => {
    const wrong = french.filter(([, text]) =>
      [...prose(text).matchAll(/(.)[:;?!](?=\s|$)/gu)].some((m) => m[1] !== '\u202f'),
    );
    expect(wrong).toEqual([]);
  });

  it('puts a narrow no-break space inside « »', () => {
    const wrong = french.filter(([, text]) => /«(?!\u202f)|(?<!\u202f)»/u.test(text));
    expect(wrong).toEqual([]);
  });

  it('keeps Annuler for Cancel and words Undo otherwise', () => {
    const desk = sectionsOf('desk', 'fr');
    expect(desk.console?.['command.undo']).toBe('Défaire');
    expect(desk.console?.['form.cancel']).toBe('Annuler');
  });
});

describe('the delegations’ names', () => {
  const files = readdirSync(NAMES).map((f) => f.replace(/\.json$/, ''));

  it('come in every official language the delegations list does not carry', () => {
    expect(files.sort()).toEqual(['ar', 'es', 'ru', 'zh']);
  });

  it.each(files)('%s names every delegation, says as of when, and from where', (lang) => {
    const data = json(new URL(`${lang}.json`, NAMES)) as {
      asOf: string;
      sourceNote: string;
      names: Record<string, string>;
    };
    expect(data.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(data.sourceNote.length).toBeGreaterThan(40);
    expect(Object.keys(data.names).sort()).toEqual(DELEGATIONS.map((d) => d.id).sort());
    for (const [id, name] of Object.entries(data.names)) {
      expect(name.trim(), id).not.toBe('');
    }
  });
});

describe('the compiled words', () => {
  const say = (catalogue: CompiledMessages, section: string, key: string, params = {}) => {
    const s = catalogue[section];
    return typeof s === 'object' ? sentence(s[key], params) : undefined;
  };

  it('count minutes by each language’s plural rules', () => {
    const minutes = (n: number) => say(arPublic, 'live', 'segment.minutes', { minutes: n });
    expect([1, 2, 3, 11].map(minutes)).toEqual(['دقيقة واحدة', 'دقيقتان', '3 دقائق', '11 دقيقة']);
    expect(say(frPublic, 'live', 'item.upcoming', { minutes: 0.5 })).toBe(
      'À venir, 0,5 minute prévue',
    );
    expect(say(frPublic, 'live', 'item.upcoming', { minutes: 12 })).toBe(
      'À venir, 12 minutes prévues',
    );
  });

  it('write numbers in Western digits, with each language’s decimal sign', () => {
    expect(say(arPublic, 'live', 'segment.minutes', { minutes: 12 })).toBe('12 دقيقة');
    expect(say(ruPublic, 'live', 'programme.behind', { minutes: 1.5 })).toBe(
      'отставание от графика: 1,5 мин',
    );
  });
});

/**
 * The public pages in the six official languages of the United Nations, against the built app and
 * a real server: a phone set to each language opens the live page during the open floor and shows
 * the session as the programme and the list of speakers have it, in its language (Arabic right to
 * left), having downloaded that language's words and names and no other's. What each page must
 * say is read from the catalogues and the delegation names, not written here. Screenshots of each
 * language go to SCREENSHOTS.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DELEGATIONS } from '../../shared/delegations.ts';
import { gavelAndBrowser, PHONE, SCREENSHOTS, SESSION, STAGE, STAGE_KEY } from './harness.ts';

const POLL = { timeout: 15_000, interval: 50 } as const;

/** Each language and the locale a phone set to it sends. */
const PHONES = [
  ['ar', 'ar-EG'],
  ['zh', 'zh-CN'],
  ['en', 'en-GB'],
  ['fr', 'fr-FR'],
  ['ru', 'ru-RU'],
  ['es', 'es-ES'],
] as const;
type Lang = (typeof PHONES)[number][0];

const read = (path: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8'));

/** A word of the public pages' catalogues (what every phone shows, and the open floor's). */
function word(lang: Lang, section: string, key: string): string {
  for (const folder of ['public', 'floor']) {
    const catalogue = read(`client/i18n/${folder}/${lang}.json`) as Record<
      string,
      Record<string, string>
    >;
    const text = catalogue[section]?.[key];
    if (text !== undefined) return text;
  }
  throw new Error(`No ${section}.${key} in ${lang}.`);
}

/** A delegation's name in a language: the list's in English and French, the names file's else. */
function nameOf(id: string, lang: Lang): string {
  const d = DELEGATIONS.find((x) => x.id === id);
  if (!d) throw new Error(`No delegation ${id}.`);
  if (lang === 'en' || lang === 'fr') return d[lang];
  const { names } = read(`shared/programmes/delegation-names/${lang}.json`) as {
    names: Record<string, string>;
  };
  const name = names[id];
  if (name === undefined) throw new Error(`No ${lang} name for ${id}.`);
  return name;
}

const run = gavelAndBrowser();
const contexts: BrowserContext[] = [];

/** A page in its own context in a locale, with the files it downloads. */
async function open(
  path: string,
  viewport: { width: number; height: number },
  locale: string,
): Promise<{ page: Page; downloads: string[] }> {
  const context = await run.browser.newContext({ viewport, locale, deviceScaleFactor: 1 });
  contexts.push(context);
  const page = await context.newPage();
  const downloads: string[] = [];
  page.on('request', (request) => downloads.push(new URL(request.url()).pathname));
  await page.goto(`${run.gavel.url}${path}`);
  return { page, downloads };
}

/** The language of each catalogue or names chunk a page downloaded (`/assets/public-fr-….js`). */
const CHUNK = /^\/assets\/(?:(?:public|floor|stage|refusals)-)?(ar|zh|en|fr|ru|es)-[^/]+\.js$/;
const catalogueLangs = (downloads: readonly string[]): string[] => [
  ...new Set(downloads.flatMap((p) => CHUNK.exec(p)?.[1] ?? [])),
];

/** Puts a delegation on the list of speakers and returns its request's id. */
async function inscribe(delegation: string): Promise<string> {
  await run.gavel.command({ type: 'floor.request', delegation, kind: 'statement' });
  const requests = (await run.gavel.moderatorView()).floor.requests;
  const id = requests[requests.length - 1]?.id;
  if (!id) throw new Error('No request reached the server.');
  if (requests.find((r) => r.id === id)?.status === 'requested') {
    await run.gavel.command({ type: 'floor.approve', requestId: id });
  }
  return id;
}

describe('the public pages in the six official languages', () => {
  beforeAll(async () => {
    // The open floor: Germany has the floor, China is next on the list of speakers.
    await run.gavel.command({ type: 'session.start' });
    await run.gavel.command({ type: 'segment.end' });
    await run.gavel.command({ type: 'floor.open' });
    const germany = await inscribe('deu');
    await inscribe('chn');
    await run.gavel.command({ type: 'floor.give', requestId: germany, start: true });
  });

  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close()));
  });

  it.each(PHONES)(
    'shows the live page in %s to a phone set to %s, with only that language downloaded',
    async (lang, locale) => {
      const { page, downloads } = await open(`/live/${SESSION}`, PHONE, locale);
      const speaker = page.getByTestId('live-now-speaker');
      await expect.poll(() => speaker.textContent(), POLL).toBe(nameOf('deu', lang));
      expect(await page.getByTestId('live-status').textContent()).toContain(
        word(lang, 'common', 'status.live'),
      );
      // The list of speakers, with the next delegation named in the phone's language.
      const speakers = page.getByTestId('live-speakers');
      await expect.poll(() => speakers.textContent(), POLL).toContain(nameOf('chn', lang));
      expect(await speakers.textContent()).toContain(word(lang, 'common', 'floor.open'));
      expect(await page.locator('html').getAttribute('lang')).toBe(lang);
      expect(await page.locator('html').getAttribute('dir')).toBe(lang === 'ar' ? 'rtl' : 'ltr');
      // The countdown reads left to right whatever the page's direction.
      const figure = page.getByTestId('live-countdown').locator('.tabular');
      expect(await figure.evaluate((el) => getComputedStyle(el).direction)).toBe('ltr');
      expect(await figure.textContent()).toMatch(/^\+?\d+:\d\d$/);
      await page.screenshot({ path: join(SCREENSHOTS, `live-lang-${lang}.png`) });
      // Its own language's words and names, and no other language's.
      expect(catalogueLangs(downloads)).toEqual([lang]);
    },
  );

  it('switches a phone from English to Arabic and back, right to left and back', async () => {
    const { page, downloads } = await open(`/live/${SESSION}`, PHONE, 'en-GB');
    const speaker = page.getByTestId('live-now-speaker');
    await expect.poll(() => speaker.textContent(), POLL).toBe(nameOf('deu', 'en'));
    await page.getByTestId('live-lang-ar').click();
    await expect.poll(() => speaker.textContent(), POLL).toBe(nameOf('deu', 'ar'));
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    expect(catalogueLangs(downloads).sort()).toEqual(['ar', 'en']);
    await page.getByTestId('live-lang-en').click();
    await expect.poll(() => speaker.textContent(), POLL).toBe(nameOf('deu', 'en'));
    expect(await page.locator('html').getAttribute('dir')).toBe('ltr');
  });

  it('shows the stage in Arabic from right to left, its countdown still left to right', async () => {
    const { page } = await open(`/stage/${SESSION}?key=${STAGE_KEY}&lang=ar`, STAGE, 'en-GB');
    const digits = page.locator('.stage-digits');
    await expect.poll(() => digits.textContent(), POLL).toMatch(/^\+?\d+:\d\d$/);
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await digits.evaluate((el) => getComputedStyle(el).direction)).toBe('ltr');
    await expect.poll(() => page.textContent('body'), POLL).toContain(nameOf('deu', 'ar'));
    await page.screenshot({ path: join(SCREENSHOTS, 'stage-lang-ar.png') });
  });
});

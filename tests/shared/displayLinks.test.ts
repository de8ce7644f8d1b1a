/**
 * The console's links ask for what each display reads: a link built with options, read back by
 * the page's own parser, gives the same options.
 */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_DISPLAY_OPTIONS,
  displayLink,
  type DisplayOptions,
} from '../../client/console/displayLinks.ts';
import { flag } from '../../client/lib/route.ts';
import { stageOptions } from '../../client/stage/stageOptions.ts';

const STAGE = 'https://gavel.example.org/stage/asp15?key=k3y';

describe('display links', () => {
  it('leaves a link as it is when every option is at its default', () => {
    for (const display of ['stage', 'live', 'overlay', 'report'] as const) {
      expect(displayLink(`https://x/${display}/s`, display, DEFAULT_DISPLAY_OPTIONS)).toBe(
        `https://x/${display}/s`,
      );
    }
  });

  it("writes the stage's options after its key, as the stage reads them", () => {
    const options: DisplayOptions = {
      ...DEFAULT_DISPLAY_OPTIONS,
      lang: 'fr',
      clock: true,
      next: false,
      mirror: true,
      theme: 'light',
      chime: true,
      time: true,
    };
    const link = displayLink(STAGE, 'stage', options);
    expect(link).toBe(`${STAGE}&lang=fr&clock&next=0&mirror&theme=light&chime`);
    const search = new URL(link).search;
    expect(stageOptions(search)).toEqual({
      clock: true,
      next: false,
      mirror: true,
      theme: 'light',
      chime: true,
    });
    expect(new URLSearchParams(search).get('key')).toBe('k3y');
  });

  it('gives each display only the options it reads', () => {
    const all: DisplayOptions = {
      lang: 'en',
      clock: true,
      next: false,
      mirror: true,
      theme: 'light',
      chime: true,
      time: true,
    };
    expect(displayLink('https://x/live/s', 'live', all)).toBe('https://x/live/s?lang=en');
    const overlay = displayLink('https://x/overlay/s', 'overlay', all);
    expect(overlay).toBe('https://x/overlay/s?lang=en&time');
    expect(flag('time', new URL(overlay).search)).toBe(true);
    expect(displayLink('https://x/report/s', 'report', all)).toBe('https://x/report/s');
  });
});

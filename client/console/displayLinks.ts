/**
 * The links of a session's displays with the options an AV crew puts in them, as
 * `docs/displays.md` lists them: what each display reads, and the address that asks for it.
 * Pure: the console's links panel and its tests build the same address.
 */

/** The pages the console gives links to. */
export const DISPLAYS = ['stage', 'live', 'overlay', 'report'] as const;
export type Display = (typeof DISPLAYS)[number];

export interface DisplayOptions {
  /** `?lang=`: the page's language whatever the browser says; `auto` leaves it to the browser. */
  readonly lang: 'auto' | 'en' | 'fr';
  /** Stage: `?clock`, the time of day in a corner. */
  readonly clock: boolean;
  /** Stage: the "Next:" line, on unless `?next=0`. */
  readonly next: boolean;
  /** Stage: `?mirror`, mirrored for a teleprompter's glass. */
  readonly mirror: boolean;
  /** Stage: `?theme=light`, dark text on white (dark by default). */
  readonly theme: 'dark' | 'light';
  /** Stage: `?chime`, a chime and a flash when the countdown reaches zero. */
  readonly chime: boolean;
  /** Overlay: `?time`, the time left beside the speaker's name. */
  readonly time: boolean;
}

export type DisplayOption = keyof DisplayOptions;

/** What a display shows when its address asks for nothing. */
export const DEFAULT_DISPLAY_OPTIONS: DisplayOptions = {
  lang: 'auto',
  clock: false,
  next: true,
  mirror: false,
  theme: 'dark',
  chime: false,
  time: false,
};

/** The options each display reads from its address (the others would be ignored). */
export const DISPLAY_OPTIONS: { readonly [D in Display]: readonly DisplayOption[] } = {
  stage: ['lang', 'clock', 'next', 'mirror', 'theme', 'chime'],
  live: ['lang'],
  overlay: ['lang', 'time'],
  // The report has its own language switch; a `?lang` opened in the moderator's browser would
  // also change the console's language, which the browser keeps.
  report: [],
};

/** One option as the address writes it (`clock`, `next=0`, `theme=light`), or null at its default. */
function part(option: DisplayOption, options: DisplayOptions): string | null {
  switch (option) {
    case 'lang':
      return options.lang === 'auto' ? null : `lang=${options.lang}`;
    case 'clock':
    case 'mirror':
    case 'chime':
    case 'time':
      return options[option] ? option : null;
    case 'next':
      return options.next ? null : 'next=0';
    case 'theme':
      return options.theme === 'dark' ? null : `theme=${options.theme}`;
    default: {
      void (option satisfies never);
      return null;
    }
  }
}

/**
 * A display's link with the options it reads, after what the link already carries (the stage's
 * key). Flags are written bare (`?clock`), as people type them.
 */
export function displayLink(link: string, display: Display, options: DisplayOptions): string {
  const parts = DISPLAY_OPTIONS[display].flatMap((o) => part(o, options) ?? []);
  if (parts.length === 0) return link;
  return `${link}${link.includes('?') ? '&' : '?'}${parts.join('&')}`;
}

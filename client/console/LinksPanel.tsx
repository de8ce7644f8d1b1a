/**
 * The links of this session's displays, from `GET /api/sessions/:id/links` (the moderator's: the
 * stage's link carries the stage key), on the address phones use: each with its QR code, a copy
 * button and an open button; above them, the display options that each link then asks for.
 */
import { useEffect, useId, useState } from 'react';
import { QrCode } from '../displays/QrCode.tsx';
import { isLoopback } from '../displays/sessions.ts';
import { LANGS, useT } from '../lib/i18n.ts';
import {
  DEFAULT_DISPLAY_OPTIONS,
  displayLink,
  DISPLAYS,
  type Display,
  type DisplayOptions,
} from './displayLinks.ts';
import { linksMessages } from './linksMessages.ts';
import { TOKEN_STORAGE_KEY } from './token.ts';

type Links = { readonly [D in Display]: string };

type Loaded =
  | { readonly state: 'loading' }
  | { readonly state: 'failed'; readonly reason: string }
  | { readonly state: 'ready'; readonly base: string; readonly links: Links };

function storedToken(): string | null {
  try {
    return localStorage.getItem(TOKEN_STORAGE_KEY);
  } catch {
    return null;
  }
}

async function fetchLinks(session: string): Promise<Loaded> {
  const token = storedToken();
  const res = await fetch(`/api/sessions/${encodeURIComponent(session)}/links`, {
    headers: { accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });
  const body = (await res.json()) as {
    base?: string;
    links?: Partial<Links>;
    error?: { message?: string };
  };
  const links = body.links;
  if (!res.ok || !links || DISPLAYS.some((d) => typeof links[d] !== 'string')) {
    return { state: 'failed', reason: body.error?.message ?? String(res.status) };
  }
  return { state: 'ready', base: body.base ?? location.origin, links: links as Links };
}

export function LinksPanel({ session }: { readonly session: string }) {
  const t = useT(linksMessages);
  const id = useId();
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [options, setOptions] = useState<DisplayOptions>(DEFAULT_DISPLAY_OPTIONS);
  const set = <K extends keyof DisplayOptions>(key: K, value: DisplayOptions[K]) =>
    setOptions((o) => ({ ...o, [key]: value }));

  useEffect(() => {
    let live = true;
    fetchLinks(session)
      .catch((error: unknown) => ({
        state: 'failed' as const,
        reason: error instanceof Error ? error.message : String(error),
      }))
      .then((result) => live && setLoaded(result));
    return () => {
      live = false;
    };
  }, [session, attempt]);

  if (loaded.state === 'loading') return <p className="hint">{t('loading')}</p>;
  if (loaded.state === 'failed') {
    return (
      <div className="links-failed" role="alert">
        <p>{t('failed', { reason: loaded.reason })}</p>
        <button
          type="button"
          className="btn btn-small"
          onClick={() => {
            setLoaded({ state: 'loading' });
            setAttempt((n) => n + 1);
          }}
        >
          {t('retry')}
        </button>
      </div>
    );
  }

  const checkbox = (key: 'clock' | 'next' | 'mirror' | 'chime' | 'time') => (
    <label className="links-check">
      <input
        type="checkbox"
        checked={options[key]}
        data-testid={`links-option-${key}`}
        onChange={(e) => set(key, e.target.checked)}
      />{' '}
      {t(key)}
    </label>
  );

  return (
    <div className="links-panel" data-testid="links-panel">
      {isLoopback(new URL(loaded.base).hostname) && (
        <p className="links-warning" data-testid="links-loopback">
          {t('loopback')}
        </p>
      )}
      <fieldset className="links-options">
        <legend>{t('options')}</legend>
        <p className="hint">{t('options-hint')}</p>
        <div className="links-options-row">
          <label className="field">
            {t('lang')}
            <select
              value={options.lang}
              data-testid="links-option-lang"
              onChange={(e) => set('lang', e.target.value as DisplayOptions['lang'])}
            >
              <option value="auto">{t('lang-auto')}</option>
              {LANGS.map((l) => (
                <option key={l.code} value={l.code} lang={l.code}>
                  {l.label}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            {t('theme')}
            <select
              value={options.theme}
              data-testid="links-option-theme"
              onChange={(e) => set('theme', e.target.value as DisplayOptions['theme'])}
            >
              <option value="dark">{t('theme-dark')}</option>
              <option value="light">{t('theme-light')}</option>
            </select>
          </label>
          {checkbox('clock')}
          {checkbox('next')}
          {checkbox('mirror')}
          {checkbox('chime')}
          {checkbox('time')}
        </div>
      </fieldset>
      <ul className="links-list">
        {DISPLAYS.map((display) => (
          <LinkCard
            key={display}
            id={`${id}-${display}`}
            display={display}
            link={displayLink(loaded.links[display], display, options)}
          />
        ))}
      </ul>
    </div>
  );
}

function LinkCard({
  id,
  display,
  link,
}: {
  readonly id: string;
  readonly display: Display;
  readonly link: string;
}) {
  const t = useT(linksMessages);
  const name = t(`display.${display}`);
  /** The link last copied (or not): the note says nothing once the options changed it. */
  const [copied, setCopied] = useState<{ link: string; ok: boolean } | null>(null);
  const note = copied?.link === link ? (copied.ok ? t('copied') : t('copy-failed')) : '';

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link);
      setCopied({ link, ok: true });
    } catch {
      // No clipboard (plain http on another machine, or refused): the link is selected instead.
      document.getElementById(`${id}-link`)?.focus();
      (document.getElementById(`${id}-link`) as HTMLInputElement | null)?.select();
      setCopied({ link, ok: false });
    }
  };

  return (
    <li className="links-card" data-testid={`links-${display}`}>
      <div className="links-card-text">
        <h3 id={`${id}-name`}>{name}</h3>
        <p className="hint">{t(`hint.${display}`)}</p>
        <input
          id={`${id}-link`}
          className="links-url"
          readOnly
          value={link}
          aria-label={t('link', { display: name })}
          data-testid={`links-${display}-url`}
          onFocus={(e) => e.target.select()}
        />
        <div className="links-actions">
          <button
            type="button"
            className="btn btn-small"
            data-testid={`links-${display}-copy`}
            onClick={() => void copy()}
          >
            {t('copy')}
          </button>
          <a
            className="btn btn-small"
            href={link}
            target="_blank"
            rel="noreferrer"
            data-testid={`links-${display}-open`}
          >
            {t('open-link')}
          </a>
          <span className="links-copied" role="status">
            {note}
          </span>
        </div>
      </div>
      <QrCode text={link} label={t('qr', { display: name })} className="links-qr" />
    </li>
  );
}

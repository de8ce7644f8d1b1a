/**
 * Who gets which link, for the moderator: each role's console link (and the secretariat's
 * printable record), with a copy button; the floor officer's and the secretariat's tokens can be
 * replaced here, and the old link stops working at once.
 */
import { useEffect, useState } from 'react';
import type { TokenRole } from '../../shared/roles.ts';
import { useT } from '../lib/i18n.ts';
import { accessMessages } from './accessMessages.ts';
import { callApi } from './consoleApi.ts';

interface Access {
  readonly links: Readonly<Record<TokenRole, string>>;
  readonly report: string;
  readonly replaceable: readonly TokenRole[];
}

const SHOWN: readonly TokenRole[] = ['moderator', 'floor-officer', 'secretariat'];

export function AccessPanel({ session }: { readonly session: string }) {
  const t = useT(accessMessages);
  const [open, setOpen] = useState(false);
  const [access, setAccess] = useState<Access | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<TokenRole | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [revision, setRevision] = useState(0);

  useEffect(() => {
    if (!open) return;
    let live = true;
    void callApi(`/api/sessions/${encodeURIComponent(session)}/access`)
      .then(({ body }) => {
        if (!live) return;
        if (body.ok === true) setAccess(body as unknown as Access);
        else setProblem(String((body.error as { message?: string } | undefined)?.message ?? ''));
      })
      .catch((error: unknown) => live && setProblem(String(error)));
    return () => {
      live = false;
    };
  }, [open, session, revision]);

  const replace = async (role: TokenRole) => {
    setConfirming(null);
    const { body } = await callApi(`/api/tokens/${role}/replace`, { method: 'POST' });
    if (body.ok === true) {
      setNote(t('replaced'));
      setRevision((r) => r + 1);
    } else {
      setProblem(String((body.error as { message?: string } | undefined)?.message ?? ''));
    }
  };

  return (
    <details
      className="panel access"
      data-testid="access"
      onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}
    >
      <summary>{t('title')}</summary>
      <p className="hint">{t('explain')}</p>
      {problem !== null && <p role="alert">{t('failed', { message: problem })}</p>}
      {note !== null && <p role="status">{note}</p>}
      {access === null && problem === null && <p className="hint">{t('loading')}</p>}
      {access !== null && (
        <ul className="access-links">
          {SHOWN.map((role) => (
            <li key={role} data-testid={`access-${role}`}>
              <span className="access-role">{t(role)}</span>
              <input
                readOnly
                value={access.links[role]}
                aria-label={t(role)}
                data-testid={`access-link-${role}`}
                onFocus={(e) => e.target.select()}
              />
              <button
                type="button"
                className="btn btn-small"
                onClick={() => void navigator.clipboard?.writeText(access.links[role])}
              >
                {t('copy')}
              </button>
              {access.replaceable.includes(role) &&
                (confirming === role ? (
                  <button
                    type="button"
                    className="btn btn-small btn-danger"
                    data-testid={`access-replace-confirm-${role}`}
                    onClick={() => void replace(role)}
                  >
                    {t('replace-confirm')}
                  </button>
                ) : (
                  <button
                    type="button"
                    className="btn btn-small"
                    data-testid={`access-replace-${role}`}
                    onClick={() => setConfirming(role)}
                  >
                    {t('replace')}
                  </button>
                ))}
            </li>
          ))}
          <li data-testid="access-report">
            <span className="access-role">{t('report')}</span>
            <input
              readOnly
              value={access.report}
              aria-label={t('report')}
              onFocus={(e) => e.target.select()}
            />
          </li>
        </ul>
      )}
    </details>
  );
}

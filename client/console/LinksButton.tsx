/**
 * The top bar's "Links" button: opens, in a modal dialog (focus kept inside, Escape closes, focus
 * back on the button), the links of this session's displays with their QR codes. The panel and
 * the QR encoder load on the first opening, so the console's first load does not carry them.
 */
import { lazy, Suspense, useRef, useState } from 'react';
import { useT } from '../lib/i18n.ts';
import { linksMessages } from './linksMessages.ts';
import './links.css';

const LinksPanel = lazy(() => import('./LinksPanel.tsx').then((m) => ({ default: m.LinksPanel })));

export function LinksButton({ session }: { readonly session: string }) {
  const t = useT(linksMessages);
  const [open, setOpen] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  const show = () => {
    setOpen(true);
    dialog.current?.showModal();
  };
  const close = () => dialog.current?.close();

  return (
    <>
      <button
        ref={button}
        type="button"
        className="btn btn-small"
        aria-haspopup="dialog"
        title={t('open-title')}
        data-testid="links-open"
        onClick={show}
      >
        {t('open')}
      </button>
      <dialog
        ref={dialog}
        className="links-dialog"
        aria-labelledby="links-title"
        data-testid="links-dialog"
        onClose={() => {
          setOpen(false);
          button.current?.focus();
        }}
      >
        <div className="links-head">
          <h2 id="links-title">{t('title')}</h2>
          <button type="button" className="btn btn-small" data-testid="links-close" onClick={close}>
            {t('close')}
          </button>
        </div>
        {open && (
          <Suspense fallback={<p className="hint">{t('loading')}</p>}>
            <LinksPanel session={session} />
          </Suspense>
        )}
      </dialog>
    </>
  );
}

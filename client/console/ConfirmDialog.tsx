/**
 * The one confirmation a destructive act asks for, in the page (a modal <dialog>: focus stays in
 * it, Escape cancels, Enter confirms from the focused button).
 */
import { useEffect, useRef } from 'react';
import { useT } from '../lib/i18n.ts';
import { act } from './act.ts';
import { messages } from './messages.ts';
import { closeConfirm, useConsoleUi } from './uiStore.ts';

export function ConfirmDialog() {
  const t = useT(messages);
  const confirm = useConsoleUi((s) => s.confirm);
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (confirm && !d.open) {
      d.showModal();
      // showModal focuses the first control; the act asked about is the one to confirm with Enter.
      d.querySelector<HTMLButtonElement>('[data-testid="confirm-yes"]')?.focus();
    }
    if (!confirm && d.open) d.close();
  }, [confirm]);

  return (
    <dialog
      ref={dialog}
      className="confirm"
      data-testid="confirm"
      aria-labelledby="confirm-title"
      onClose={closeConfirm}
    >
      {confirm && (
        <form
          method="dialog"
          onSubmit={(e) => {
            e.preventDefault();
            const command = confirm.command;
            closeConfirm();
            void act(command);
          }}
        >
          <h2 id="confirm-title">{t('confirm.title')}</h2>
          <p data-testid="confirm-question">{confirm.question}</p>
          <div className="confirm-actions">
            <button
              type="button"
              className="btn btn-normal"
              onClick={closeConfirm}
              data-testid="confirm-no"
            >
              {t('confirm.no')}
            </button>
            <button type="submit" className="btn btn-danger" data-testid="confirm-yes">
              {t('confirm.yes')}
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}

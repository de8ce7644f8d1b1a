/** Declines a request, with a reason the delegate sees (optional). */
import { useId, useState } from 'react';
import { useT } from '../lib/i18n.ts';
import { act } from './act.ts';
import { messages } from './messages.ts';

export function DeclineControl({ requestId, name }: { requestId: string; name: string }) {
  const t = useT(messages);
  const id = useId();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  if (!open) {
    return (
      <button
        type="button"
        className="btn btn-small btn-danger"
        aria-label={`${t('floor.decline')}: ${name}`}
        data-testid={`decline-${requestId}`}
        onClick={() => setOpen(true)}
      >
        {t('floor.decline')}
      </button>
    );
  }
  return (
    <form
      className="decline-form"
      onSubmit={(e) => {
        e.preventDefault();
        const text = reason.trim();
        void act({
          type: 'floor.decline',
          requestId,
          ...(text ? { reason: text } : {}),
        }).then((ack) => ack.ok && setOpen(false));
      }}
    >
      <label htmlFor={`${id}-reason`}>{t('floor.decline-reason')}</label>
      <input
        id={`${id}-reason`}
        data-testid={`decline-reason-${requestId}`}
        value={reason}
        maxLength={200}
        autoFocus
        onChange={(e) => setReason(e.target.value)}
        onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}
      />
      <button type="button" className="btn btn-small" onClick={() => setOpen(false)}>
        {t('form.cancel')}
      </button>
      <button
        type="submit"
        className="btn btn-small btn-danger"
        data-testid={`decline-submit-${requestId}`}
      >
        {t('floor.decline-submit')}
      </button>
    </form>
  );
}

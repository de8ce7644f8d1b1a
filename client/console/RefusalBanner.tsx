/** The sentence of the latest refused command, from the server or the same rule in the console. */
import { useEffect } from 'react';
import { dismissRefusal } from '../lib/connection.ts';
import { useLang, useT } from '../lib/i18n.ts';
import { refusalText } from '../lib/refusalText.ts';
import { useGavel } from '../lib/store.ts';
import { commandLabelKey } from './actions.ts';
import { messages } from './messages.ts';

/** Long enough to read twice; a new refusal restarts it. */
const SHOWN_MS = 12_000;

export function RefusalBanner() {
  const t = useT(messages);
  const refusal = useGavel((s) => s.refusal);
  const lang = useLang((s) => s.lang);

  useEffect(() => {
    if (!refusal) return;
    const timer = setTimeout(dismissRefusal, SHOWN_MS);
    return () => clearTimeout(timer);
  }, [refusal]);

  if (!refusal) return null;
  const labelKey = commandLabelKey(refusal.command);
  return (
    <div className="refusal" role="alert" data-testid="refusal" data-code={refusal.error.code}>
      <p>
        <strong>{t('refusal.title', { what: labelKey ? t(labelKey) : refusal.command })}</strong>{' '}
        <span data-testid="refusal-message">{refusalText(refusal.error, lang)}</span>
      </p>
      <button type="button" className="btn btn-small" onClick={dismissRefusal}>
        {t('refusal.dismiss')}
      </button>
    </div>
  );
}

/** Says plainly that the connection is lost and that commands wait for it, not vanish. */
import { useT } from '../lib/i18n.ts';
import { useGavel } from '../lib/store.ts';
import { messages } from './messages.ts';

export function OfflineBanner() {
  const t = useT(messages);
  const connection = useGavel((s) => s.connection);
  const pending = useGavel((s) => s.pending);
  if (connection === 'online') return null;
  return (
    <div className="offline-banner" role="status" data-testid="offline-banner">
      {t('conn.offline-detail')}
      {pending > 0 && <strong> {t('conn.pending', { count: pending })}</strong>}
    </div>
  );
}

/**
 * "Offline — reconnecting", in a corner, while the socket is down. The display goes on counting
 * from what it has; Socket.IO reconnects by itself and the next snapshot catches it up.
 */
import { common, useT } from '../lib/i18n.ts';
import { useGavel } from '../lib/store.ts';

export function OfflineBadge({ className }: { readonly className?: string }) {
  const t = useT(common);
  const offline = useGavel((s) => s.connection === 'offline');
  if (!offline) return null;
  return (
    <div className={`offline-badge ${className ?? ''}`} role="status" data-testid="offline-badge">
      <span className="offline-dot" aria-hidden="true" />
      {t('offline')}
    </div>
  );
}

/** Online, connecting or offline, and the commands waiting for the server. */
import { common, useT } from '../lib/i18n.ts';
import { useGavel } from '../lib/store.ts';
import { messages } from './messages.ts';

export function ConnectionStatus() {
  const t = useT(messages);
  const tc = useT(common);
  const connection = useGavel((s) => s.connection);
  const pending = useGavel((s) => s.pending);
  const online = connection === 'online';
  return (
    <div
      className={`connection connection-${connection}`}
      role="status"
      data-testid="connection"
      data-connection={connection}
      data-pending={pending}
      title={online ? undefined : t('conn.offline-detail')}
    >
      <span className="dot" aria-hidden="true" />
      {online ? t('conn.online') : connection === 'connecting' ? tc('connecting') : tc('offline')}
      {pending > 0 && !online && (
        <span className="pending" data-testid="pending">
          {' · '}
          {t('conn.pending', { count: pending })}
        </span>
      )}
    </div>
  );
}

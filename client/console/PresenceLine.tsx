/** Who follows the meeting: consoles, stage displays, viewers; a warning with no stage display. */
import type { SessionView } from '../../shared/views.ts';
import { useT } from '../lib/i18n.ts';
import { useGavel } from '../lib/store.ts';
import { messages } from './messages.ts';

export function PresenceLine({ view }: { view: SessionView }) {
  const t = useT(messages);
  const presence = useGavel((s) => s.presence);
  if (!presence) {
    return (
      <p className="presence" data-testid="presence">
        {t('presence.unknown')}
      </p>
    );
  }
  const turnRuns = view.current.turnId !== null && view.status !== 'ended';
  return (
    <div className="presence" data-testid="presence">
      <span className="visually-hidden">{t('presence.title')}</span>
      <span data-testid="presence-consoles">
        {t('presence.consoles', { count: presence.consoles })}
      </span>
      <span data-testid="presence-stages" className={presence.stages === 0 ? 'none' : undefined}>
        {t('presence.stages', { count: presence.stages })}
      </span>
      <span data-testid="presence-viewers">
        {t('presence.viewers', { count: presence.viewers })}
      </span>
      {presence.delegates > 0 && (
        <span data-testid="presence-delegates">
          {t('presence.delegates', { count: presence.delegates })}
        </span>
      )}
      {turnRuns && presence.stages === 0 && (
        <strong className="no-stage" role="alert" data-testid="no-stage-warning">
          {t('presence.no-stage')}
        </strong>
      )}
    </div>
  );
}

/**
 * The meeting, its status and connection, the schedule, who is connected, the displays' links
 * (the moderator's), the language.
 */
import type { SessionView } from '../../shared/views.ts';
import { pick } from '../../shared/localText.ts';
import { common, useLang, useT } from '../lib/i18n.ts';
import { ConnectionStatus } from './ConnectionStatus.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { LinksButton } from './LinksButton.tsx';
import { PresenceLine } from './PresenceLine.tsx';
import { ScheduleLine } from './ScheduleLine.tsx';

export function TopBar({ view }: { view: SessionView }) {
  const tc = useT(common);
  const lang = useLang((s) => s.lang);
  return (
    <header className="topbar">
      <div className="topbar-row">
        <h1
          className="meeting-title"
          title={pick(view.meta.title, lang)}
          data-testid="meeting-title"
        >
          {pick(view.meta.title, lang)}
        </h1>
        <span
          className={`status status-${view.status}`}
          data-testid="session-status"
          data-status={view.status}
        >
          {tc(`status.${view.status}`)}
        </span>
        <PresenceLine view={view} />
        <ConnectionStatus />
        {view.role === 'moderator' && <LinksButton session={view.id} />}
        <LanguageSwitch />
      </div>
      <div className="topbar-row topbar-second">
        <ScheduleLine view={view} />
      </div>
    </header>
  );
}

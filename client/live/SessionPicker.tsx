/**
 * `/` on a server with several meetings: the list to choose from. Loaded only then (LiveRoot).
 */
import type { SessionSummary } from '../displays/sessions.ts';
import { pick } from '../../shared/localText.ts';
import { section, useLang, useT } from '../lib/i18n.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';

// Here rather than in `liveMessages`: they load with the list, which few phones ever see.
const pickerMessages = section('picker');

export function SessionPicker({
  sessions,
  error,
}: {
  readonly sessions: readonly SessionSummary[];
  readonly error: string | null;
}) {
  const t = useT(pickerMessages);
  const lang = useLang((s) => s.lang);
  return (
    <main className="live live-picker" data-testid="live-picker">
      <div className="live-header-row">
        <h1 className="live-title">{t('pick.title')}</h1>
        <LanguageSwitch />
      </div>
      {error ? (
        <p role="alert">{t('pick.error', { error })}</p>
      ) : sessions.length === 0 ? (
        <p>{t('pick.none')}</p>
      ) : (
        <ul className="live-picker-list">
          {sessions.map((s) => (
            <li key={s.id}>
              <a href={`/live/${encodeURIComponent(s.id)}`}>{pick(s.title, lang)}</a>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}

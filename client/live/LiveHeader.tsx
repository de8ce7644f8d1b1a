/** The meeting's status as a dot and a word (never the colour alone), its title, the language. */
import { pick } from '../../shared/localText.ts';
import type { SessionView } from '../../shared/views.ts';
import { common, useLang, useT } from '../lib/i18n.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';

export function LiveHeader({ view }: { readonly view: SessionView }) {
  const c = useT(common);
  const lang = useLang((s) => s.lang);
  return (
    <header className="live-header">
      <div className="live-header-row">
        <p className={`live-status live-status-${view.status}`} data-testid="live-status">
          <span className="live-status-dot" aria-hidden="true" />
          {c(`status.${view.status}`)}
        </p>
        <LanguageSwitch />
      </div>
      <h1 className="live-title">{pick(view.meta.title, lang)}</h1>
    </header>
  );
}

/** EN | FR: the page's language, switchable with one thumb; remembered by this browser. */
import { LANGS, setLang, useLang, useT } from '../lib/i18n.ts';
import { liveMessages } from './messages.ts';

export function LanguageSwitch() {
  const lang = useLang((s) => s.lang);
  const langs = useLang((s) => s.langs);
  const t = useT(liveMessages);
  return (
    <div className="lang-switch" role="group" aria-label={t('lang.switch')}>
      {LANGS.filter((l) => langs.includes(l.code)).map((l) => (
        <button
          key={l.code}
          type="button"
          lang={l.code}
          aria-label={l.label}
          aria-pressed={l.code === lang}
          data-testid={`live-lang-${l.code}`}
          onClick={() => void setLang(l.code)}
        >
          {l.short}
        </button>
      ))}
    </div>
  );
}

/** EN | FR: the console's own language (the stage and phones choose theirs). */
import { LANGS, setLang, useLang, useT } from '../lib/i18n.ts';
import { messages } from './messages.ts';

export function LanguageSwitch() {
  const t = useT(messages);
  const lang = useLang((s) => s.lang);
  const langs = useLang((s) => s.langs);
  return (
    <div className="lang-switch" role="group" aria-label={t('lang.switch')}>
      {LANGS.filter((l) => langs.includes(l.code)).map((l) => (
        <button
          key={l.code}
          type="button"
          lang={l.code}
          aria-pressed={lang === l.code}
          aria-label={l.label}
          data-testid={`lang-${l.code}`}
          onClick={() => void setLang(l.code)}
        >
          {l.short}
        </button>
      ))}
    </div>
  );
}

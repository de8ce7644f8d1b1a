/** Who has the floor, with the time left; or, when nobody has it, why. */
import type { SessionView } from '../../shared/views.ts';
import { useLang, useT } from '../lib/i18n.ts';
import { displayMessages } from '../displays/messages.ts';
import { currentTurn, nextOf } from '../displays/speaker.ts';
import { LiveCountdown } from './LiveCountdown.tsx';
import { liveMessages } from './messages.ts';

export function NowSpeaking({ view }: { readonly view: SessionView }) {
  const lang = useLang((s) => s.lang);
  const t = useT(liveMessages);
  const d = useT(displayMessages);
  const turn = view.status === 'ended' ? null : currentTurn(view, lang);
  const next = nextOf(view, lang);
  return (
    <section className="live-now" aria-labelledby="live-now-title">
      <h2 id="live-now-title" className="live-section-title">
        {t('now.title')}
      </h2>
      {turn ? (
        <>
          <p className="live-now-name" data-testid="live-now-speaker">
            {turn.lines.name}
          </p>
          {turn.lines.role ? (
            <p className="live-now-role" data-testid="live-now-role">
              {turn.lines.role}
            </p>
          ) : null}
          {turn.lines.topic ? <p className="live-now-topic">{turn.lines.topic}</p> : null}
          {view.timer ? <LiveCountdown timer={view.timer} /> : null}
        </>
      ) : (
        <p className="live-now-none" data-testid="live-now-none">
          {t(`now.none.${view.status}`)}
        </p>
      )}
      {next ? (
        <p className="live-next" data-testid="live-next">
          <span className="live-next-label">{d('next.label')}</span> {next.name}
          {next.role ? <span className="live-next-role"> — {next.role}</span> : null}
        </p>
      ) : null}
    </section>
  );
}

/**
 * The webcast's lower third: the speaker's name and function over the picture, on a transparent
 * page for a vision mixer or an OBS browser source. It fades out when nobody has the floor.
 */
import { interruptedOf } from '../../shared/views.ts';
import { useGavel } from '../lib/store.ts';
import { useLang, useT } from '../lib/i18n.ts';
import { displayMessages } from '../displays/messages.ts';
import { currentTurn, turnLines } from '../displays/speaker.ts';
import { OverlayTime } from './OverlayTime.tsx';

export function OverlayApp({ showTime }: { readonly showTime: boolean }) {
  const view = useGavel((s) => s.view);
  const lang = useLang((s) => s.lang);
  const t = useT(displayMessages);
  const turn = view && view.status === 'live' ? currentTurn(view, lang) : null;
  // During a point of order the plate says whom it interrupted: they have not finished.
  const interrupted = turn && view ? interruptedOf(view) : null;
  return (
    <main className="overlay" data-testid="overlay">
      <div
        className={`overlay-third${turn ? ' overlay-third-shown' : ''}`}
        data-testid="overlay-third"
        aria-hidden={turn ? undefined : 'true'}
      >
        {turn ? (
          <>
            <div className="overlay-plate">
              <p className="overlay-name" data-testid="overlay-speaker">
                {turn.lines.name}
              </p>
              {turn.lines.role ? (
                <p className="overlay-role" data-testid="overlay-role">
                  {turn.lines.role}
                </p>
              ) : null}
              {interrupted ? (
                <p className="overlay-role" data-testid="overlay-interrupts">
                  {t('speaker.interrupts', {
                    name: turnLines(interrupted.turn, interrupted.item, lang).name,
                  })}
                </p>
              ) : null}
            </div>
            {showTime && view?.timer ? <OverlayTime timer={view.timer} /> : null}
          </>
        ) : null}
      </div>
    </main>
  );
}

/**
 * The stage while someone has the floor: who (name, function, topic, each one line), the
 * countdown filling the screen, the progress with its zones and the phase in words, who is next.
 */
import type { Phase } from '../../shared/timer.ts';
import type { SessionView, TimerView } from '../../shared/views.ts';
import { common, useLang, useT } from '../lib/i18n.ts';
import { ProgressBar } from '../displays/ProgressBar.tsx';
import { displayMessages } from '../displays/messages.ts';
import { currentTurn, nextOf } from '../displays/speaker.ts';
import { StageDigits } from './StageDigits.tsx';
import { stageMessages } from './messages.ts';

export function StageTurn({
  view,
  timer,
  now,
  phase,
  figure,
  flashing,
  showNext,
}: {
  readonly view: SessionView;
  readonly timer: TimerView;
  readonly now: number;
  readonly phase: Phase;
  readonly figure: string;
  /** The first seconds of overtime: digits and words pulse slowly. */
  readonly flashing: boolean;
  readonly showNext: boolean;
}) {
  const lang = useLang((s) => s.lang);
  const c = useT(common);
  const d = useT(displayMessages);
  const t = useT(stageMessages);
  const turn = currentTurn(view, lang);
  const next = showNext ? nextOf(view, lang) : null;
  const paused = timer.startedAt === null;
  const code = view.floor.status === 'open' ? view.floor.floorCode : null;
  return (
    <div className={`stage-turn${flashing ? ' stage-turn-flashing' : ''}`}>
      <header className="stage-head">
        <div className="stage-who">
          <p className="stage-name-line">
            <span className="stage-name" data-testid="stage-speaker">
              {turn?.lines.name ?? ''}
            </span>
            {turn?.lines.role ? (
              <span className="stage-role" data-testid="stage-role">
                {' · '}
                {turn.lines.role}
              </span>
            ) : null}
          </p>
          {turn?.lines.topic ? (
            <p className="stage-topic" data-testid="stage-topic">
              {turn.lines.topic}
            </p>
          ) : null}
        </div>
      </header>
      <div className="stage-middle">
        <StageDigits figure={figure} className={flashing ? 'stage-pulse' : ''} />
      </div>
      <footer className="stage-foot">
        <div className="stage-progress-row">
          <ProgressBar timer={timer} now={now} className="stage-progress" testId="stage-progress" />
          <p className="stage-phase" data-testid="stage-phase" data-phase={phase}>
            {paused ? (
              <span className="stage-paused" data-testid="stage-paused">
                <span aria-hidden="true">❚❚ </span>
                {c('paused')}
              </span>
            ) : null}
            <span className={flashing ? 'stage-pulse' : undefined}>{c(`phase.${phase}`)}</span>
          </p>
        </div>
        {next || code ? (
          <div className="stage-next-row">
            {next ? (
              <p className="stage-next" data-testid="stage-next">
                <span className="stage-next-label">{d('next.label')}</span> {next.name}
                {next.role ? <span className="stage-next-role">, {next.role}</span> : null}
              </p>
            ) : (
              <span />
            )}
            {code ? (
              <p className="stage-code" data-testid="stage-floor-code">
                {t('floor-code.short', { code })}
              </p>
            ) : null}
          </div>
        ) : null}
      </footer>
    </div>
  );
}

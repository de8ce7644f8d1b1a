/**
 * The stage display. Everything it shows is worked out from the latest view and the server-time
 * estimate; it re-renders when the figure, the phase or a flash changes (useServerTick), about
 * once a second while a speaker talks, with no traffic.
 */
import type { SessionView } from '../../shared/views.ts';
import { phaseAt, remainingAt, type Phase } from '../../shared/timer.ts';
import { countdown } from '../lib/format.ts';
import { common, useT } from '../lib/i18n.ts';
import { useGavel } from '../lib/store.ts';
import { displayMessages } from '../displays/messages.ts';
import { usePublicUrl } from '../displays/usePublicUrl.ts';
import { useServerTick } from '../displays/useServerTick.ts';
import { StageCorner } from './StageCorner.tsx';
import { StageIdle } from './StageIdle.tsx';
import { StageMessage } from './StageMessage.tsx';
import { StageTurn } from './StageTurn.tsx';
import { useChime } from './useChime.ts';
import { WakeLockNotice } from './WakeLockNotice.tsx';
import { stageMessages } from './messages.ts';
import type { StageOptions } from './stageOptions.ts';
import { MESSAGE_FLASH_MS, OVERTIME_FLASH_MS, STAGE_FLASH_MS, within } from './timing.ts';
import { usePointerIdle } from './usePointerIdle.ts';
import { useWakeLock } from '../displays/useWakeLock.ts';
import { useRefusalText } from '../lib/useRefusalText.ts';

interface Shown {
  readonly figure: string | null;
  readonly phase: Phase | null;
  readonly overtimeFlash: boolean;
  readonly stageFlash: boolean;
  readonly messageFlash: boolean;
  /** With `?chime`: the white pulse over everything as the running countdown passes zero. */
  readonly chimeFlash: boolean;
}

/** What the stage shows at a server time; `chime` is the `?chime` option. Pure. */
function shownAt(view: SessionView | null, now: number, chime: boolean): Shown {
  const timer = view?.timer ?? null;
  const remaining = timer ? remainingAt(timer, now) : null;
  return {
    figure: remaining === null ? null : countdown(remaining),
    phase: timer ? phaseAt(timer, now) : null,
    overtimeFlash: remaining !== null && remaining < 0 && -remaining < OVERTIME_FLASH_MS,
    stageFlash: within(view?.stage.flashAt, STAGE_FLASH_MS, now),
    messageFlash:
      view?.message?.flash === true && within(view.message.shownAt, MESSAGE_FLASH_MS, now),
    chimeFlash:
      chime &&
      timer !== null &&
      timer.startedAt !== null &&
      remaining !== null &&
      remaining <= 0 &&
      -remaining < STAGE_FLASH_MS,
  };
}

export function StageApp({
  options,
  hasKey,
}: {
  readonly options: StageOptions;
  readonly hasKey: boolean;
}) {
  const view = useGavel((s) => s.view);
  const connection = useGavel((s) => s.connection);
  const handshakeError = useGavel((s) => s.handshakeError);
  const refusal = useRefusalText(handshakeError);
  const c = useT(common);
  const d = useT(displayMessages);
  const t = useT(stageMessages);
  const wake = useWakeLock();
  const pointerIdle = usePointerIdle();
  const { publicUrl } = usePublicUrl();
  const now = useServerTick((at) => {
    const s = shownAt(view, at, options.chime);
    const parts = [s.figure, s.phase, s.overtimeFlash, s.stageFlash, s.messageFlash, s.chimeFlash];
    if (options.clock) parts.push(String(Math.floor(at / 1000)));
    return parts.join('|');
  });
  const shown = shownAt(view, now, options.chime);
  const timerNow = view?.status === 'live' ? view.timer : null;
  const chime = useChime(
    options.chime,
    timerNow && view?.current.turnId
      ? { turnId: view.current.turnId, remainingMs: remainingAt(timerNow, now) }
      : null,
    STAGE_FLASH_MS,
  );

  const classes = [
    'stage',
    `stage-theme-${options.theme}`,
    options.mirror ? 'stage-mirror' : '',
    options.clock ? 'stage-with-clock' : '',
    pointerIdle ? 'stage-pointer-idle' : '',
  ];

  if (connection === 'refused') {
    return (
      <div className={classes.join(' ')} data-testid="stage">
        <div className="stage-problem" role="alert" data-testid="stage-refused">
          <h1>{d('refused.title')}</h1>
          <p>
            {handshakeError?.code === 'unauthorized' || handshakeError?.code === 'forbidden'
              ? t('refused.key')
              : (refusal ?? c('unknown-session'))}
          </p>
        </div>
      </div>
    );
  }
  if (!view) {
    return (
      <div className={classes.join(' ')} data-testid="stage">
        <p className="stage-connecting">{c('connecting')}</p>
        <StageCorner clock={false} now={now} timeZone="UTC" />
      </div>
    );
  }
  if (view.stage.blank) {
    return <div className={`${classes.join(' ')} stage-blank`} data-testid="stage-blank" />;
  }

  const timer = view.timer;
  const speaking = view.status === 'live' && timer !== null && shown.figure !== null;
  const phase = speaking ? shown.phase : null;
  if (phase) classes.push(`stage-phase-${phase}`);
  else classes.push('stage-phase-idle');
  if (shown.stageFlash || shown.chimeFlash) classes.push('stage-flash');
  if (connection === 'offline') classes.push('stage-is-offline');
  if (view.message && !view.message.fullscreen) classes.push('stage-has-message-third');

  return (
    <div
      className={classes.join(' ')}
      data-testid="stage"
      data-phase={phase ?? 'idle'}
      data-wake={wake}
    >
      {speaking && timer && phase && shown.figure ? (
        <StageTurn
          view={view}
          timer={timer}
          now={now}
          phase={phase}
          figure={shown.figure}
          flashing={shown.overtimeFlash}
          showNext={options.next}
        />
      ) : (
        <StageIdle view={view} showNext={options.next} publicUrl={publicUrl} />
      )}
      {view.message ? (
        <StageMessage
          message={view.message}
          flashing={shown.messageFlash}
          figure={speaking ? shown.figure : null}
          phase={phase}
        />
      ) : null}
      <StageCorner clock={options.clock} now={now} timeZone={view.meta.timeZone} />
      {hasKey ? null : (
        <p className="stage-no-key" data-testid="stage-no-key">
          {t('no-key')}
        </p>
      )}
      <WakeLockNotice wake={wake} />
      {chime.blocked ? (
        <button
          type="button"
          className="stage-chime-hint"
          data-testid="stage-chime-hint"
          onClick={chime.unlock}
        >
          {t('chime.click')}
        </button>
      ) : null}
    </div>
  );
}

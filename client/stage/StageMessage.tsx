/**
 * The moderator's message to the speaker: over the lower third, or the whole screen when asked,
 * where a small countdown stays in a corner so the speaker never loses the time.
 */
import type { StageMessage as Message } from '../../shared/state.ts';
import type { Phase } from '../../shared/timer.ts';
import { useT } from '../lib/i18n.ts';
import { stageMessages } from './messages.ts';

export function StageMessage({
  message,
  flashing,
  figure,
  phase,
}: {
  readonly message: Message;
  readonly flashing: boolean;
  /** The countdown, shown small over a full-screen message; null when nobody speaks. */
  readonly figure: string | null;
  readonly phase: Phase | null;
}) {
  const t = useT(stageMessages);
  const mode = message.fullscreen ? 'full' : 'third';
  return (
    <section
      className={`stage-message stage-message-${mode}${flashing ? ' stage-message-flashing' : ''}`}
      aria-label={t('message')}
      data-testid="stage-message"
      data-mode={mode}
      data-flashing={flashing ? 'true' : undefined}
    >
      <p className="stage-message-text">{message.text}</p>
      {message.fullscreen && figure !== null ? (
        <div
          className="stage-message-timer tabular"
          data-testid="stage-message-timer"
          data-phase={phase ?? undefined}
        >
          {figure}
        </div>
      ) : null}
    </section>
  );
}

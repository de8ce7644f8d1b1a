/** Blank the stage display (between sessions, during a private moment) or flash it. */
import type { SessionView } from '../../shared/views.ts';
import { useT } from '../lib/i18n.ts';
import { act } from './act.ts';
import { messages } from './messages.ts';

export function StageControls({ view }: { view: SessionView }) {
  const t = useT(messages);
  const blank = view.stage.blank;
  return (
    <div className="stage-controls" role="group" aria-labelledby="stage-controls-title">
      <span id="stage-controls-title" className="stage-title">
        {t('stage.title')}
      </span>
      <button
        type="button"
        className="btn btn-small"
        aria-pressed={blank}
        data-testid="stage-blank"
        onClick={() => void act({ type: 'stage.blank', on: !blank })}
      >
        {blank ? t('stage.unblank') : t('stage.blank')}
      </button>
      <button
        type="button"
        className="btn btn-small"
        data-testid="stage-flash"
        onClick={() => void act({ type: 'stage.flash' })}
      >
        {t('stage.flash')}
      </button>
      {blank && (
        <strong className="stage-blank-note" data-testid="stage-is-blank">
          {t('stage.is-blank')}
        </strong>
      )}
    </div>
  );
}

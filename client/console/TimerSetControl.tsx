/**
 * Setting the time left outright ("give her two more minutes from now") and starting a turn's
 * clock again from its full time (a false start). Both are greyed by the same rule as the server.
 */
import { useId, useState } from 'react';
import { parseDuration } from '../../shared/duration.ts';
import { availability } from '../../shared/enablement.ts';
import { fail } from '../../shared/errors.ts';
import { enablementOfView, type SessionView } from '../../shared/views.ts';
import { section, useT } from '../lib/i18n.ts';
import { act, showRefusal } from './act.ts';
import { ConsoleButton } from './ConsoleButton.tsx';
import { askConfirm } from './uiStore.ts';

const timerMessages = section('timer');

export function TimerSetControl({ view }: { view: SessionView }) {
  const t = useT(timerMessages);
  const id = useId();
  const [text, setText] = useState('');
  const enablement = enablementOfView(view);
  const setRefusal = availability(enablement, 'timer.set');
  const resetRefusal = availability(enablement, 'timer.reset');
  return (
    <form
      className="controls-timer"
      data-testid="timer-set"
      onSubmit={(e) => {
        e.preventDefault();
        const remainingMs = parseDuration(text.replace(',', '.'));
        if (remainingMs === null || remainingMs < 0) {
          showRefusal('timer.set', fail('invalid', t('invalid')));
          return;
        }
        void act({ type: 'timer.set', remainingMs }).then((ack) => ack.ok && setText(''));
      }}
    >
      <label htmlFor={`${id}-left`}>{t('label')}</label>
      <input
        id={`${id}-left`}
        className="time"
        inputMode="decimal"
        placeholder={t('placeholder')}
        size={6}
        value={text}
        disabled={setRefusal !== null}
        data-testid="timer-set-input"
        onChange={(e) => setText(e.target.value)}
      />
      <button
        type="submit"
        className="btn btn-small"
        disabled={setRefusal !== null || text.trim() === ''}
        title={setRefusal?.message}
        data-testid="timer-set-submit"
      >
        {t('set')}
      </button>
      <ConsoleButton
        commandType="timer.reset"
        refusal={resetRefusal}
        onPress={() =>
          askConfirm({ command: { type: 'timer.reset' }, question: t('reset-question') })
        }
        testId="timer-reset"
        variant="small"
      >
        {t('reset')}
      </ConsoleButton>
    </form>
  );
}

/**
 * The big buttons with their shortcuts, greyed by the same pure rule the server applies. The
 * destructive ones (skip, end the segment, end the session) ask once.
 */
import type { ReactNode } from 'react';
import type { Command, CommandType } from '../../shared/commands.ts';
import { availability } from '../../shared/enablement.ts';
import { fail } from '../../shared/errors.ts';
import type { SessionView } from '../../shared/views.ts';
import { enablementOfView } from '../../shared/views.ts';
import { speakerName } from '../lib/format.ts';
import { pick } from '../../shared/localText.ts';
import { useLang, useT } from '../lib/i18n.ts';
import { act } from './act.ts';
import { commandFor, commandLabelKey, KEY_ACTIONS, type KeyAction } from './actions.ts';
import { ConsoleButton } from './ConsoleButton.tsx';
import { TimerSetControl } from './TimerSetControl.tsx';
import { messages, type MessageKey } from './messages.ts';
import { askConfirm } from './uiStore.ts';
import { currentSegment, nextUpcomingItem } from './viewHelpers.ts';

export function Controls({ view }: { view: SessionView }) {
  const t = useT(messages);
  const lang = useLang((s) => s.lang);
  const enablement = enablementOfView(view);
  const refusalOf = (type: CommandType) => availability(enablement, type);

  const keyButton = (
    action: KeyAction,
    label: ReactNode,
    variant: 'primary' | 'big',
    ariaLabel?: string,
  ) => {
    const command = commandFor(action, view);
    const spec = KEY_ACTIONS[action];
    // The space bar is named as the keyboard in the page's language names it.
    const hint = spec.hint === 'Space' ? t('controls.space-key') : spec.hint;
    return (
      <ConsoleButton
        commandType={command.type}
        refusal={refusalOf(command.type)}
        onPress={() => void act(command)}
        testId={`control-${action}`}
        hint={hint}
        ariaKeys={spec.aria}
        ariaLabel={ariaLabel}
        title={t('controls.shortcut', { keys: hint })}
        variant={variant}
      >
        {label}
      </ConsoleButton>
    );
  };

  const startPause = commandFor('start-pause', view);
  const startPauseLabel: Record<string, MessageKey> = {
    'session.start': 'controls.start-session',
    'session.resume': 'controls.resume-session',
    'timer.pause': 'controls.pause',
    'timer.start': 'controls.start',
  };
  const lastUndo = view.undo[view.undo.length - 1];
  const undoKey = lastUndo ? commandLabelKey(lastUndo.commandType) : null;
  const undoLabel = (
    <>
      {t('controls.undo')}
      {undoKey && <small className="btn-sub">{t(undoKey)}</small>}
    </>
  );

  const skipItem = nextUpcomingItem(view);
  const segment = currentSegment(view);
  const confirmed = (
    type: CommandType,
    command: Command,
    question: string,
    label: string,
    testId: string,
    refusal = refusalOf(type),
  ) => (
    <ConsoleButton
      commandType={type}
      refusal={refusal}
      onPress={() => askConfirm({ question, command })}
      testId={testId}
      variant="danger"
    >
      {label}
    </ConsoleButton>
  );

  const suspended = view.status === 'suspended';
  const suspendType = suspended ? 'session.resume' : 'session.suspend';

  return (
    <section className="controls" aria-labelledby="controls-title">
      <h2 id="controls-title" className="visually-hidden">
        {t('controls.title')}
      </h2>
      <div className="controls-main">
        {keyButton(
          'start-pause',
          t(startPauseLabel[startPause.type] ?? 'controls.start'),
          'primary',
        )}
        {keyButton('next', t('controls.next'), 'primary')}
      </div>
      <div className="controls-time">
        {keyButton(
          'remove-time',
          t('controls.remove-time'),
          'big',
          t('controls.remove-time-label'),
        )}
        {keyButton('add-time', t('controls.add-time'), 'big', t('controls.add-time-label'))}
        {keyButton('finish', t('controls.finish'), 'big')}
        {keyButton(
          'undo',
          undoLabel,
          'big',
          undoKey ? t('controls.undo-what', { what: t(undoKey) }) : undefined,
        )}
      </div>
      <div className="controls-more">
        <ConsoleButton
          commandType="speaker.recall"
          refusal={refusalOf('speaker.recall')}
          onPress={() => void act({ type: 'speaker.recall' })}
          testId="control-recall"
        >
          {t('controls.recall')}
        </ConsoleButton>
        {confirmed(
          'speaker.skip',
          { type: 'speaker.skip', itemId: skipItem?.id ?? '' },
          t('confirm.skip', { name: skipItem ? speakerName(skipItem.speaker, lang) : '' }),
          t('controls.skip-next'),
          'control-skip',
          refusalOf('speaker.skip') ??
            (skipItem ? null : fail('not-allowed', t('controls.nothing-to-skip'))),
        )}
        {confirmed(
          'segment.end',
          { type: 'segment.end' },
          t('confirm.end-segment', { title: pick(segment?.title, lang) ?? '' }),
          t('controls.end-segment'),
          'control-end-segment',
        )}
        <ConsoleButton
          commandType={suspendType}
          refusal={refusalOf(suspendType)}
          onPress={() => void act({ type: suspendType })}
          testId="control-suspend"
          pressed={suspended}
        >
          {suspended ? t('controls.resume') : t('controls.suspend')}
        </ConsoleButton>
        {confirmed(
          'session.end',
          { type: 'session.end' },
          t('confirm.end-session'),
          t('controls.end-session'),
          'control-end-session',
        )}
      </div>
      <TimerSetControl view={view} />
    </section>
  );
}

/**
 * The message to the speaker: the session's presets in English and in French (the speaker may
 * use either), which the moderator edits here; free text, flash and full screen, clear; then the
 * stage itself (blank, flash).
 */
import { useId, useRef, useState } from 'react';
import { fail } from '../../shared/errors.ts';
import { DEFAULT_MESSAGE_PRESETS } from '../../shared/presets.ts';
import type { SessionView } from '../../shared/views.ts';
import { DESK_LANGS, useT } from '../lib/i18n.ts';
import { act } from './act.ts';
import { ConsoleButton } from './ConsoleButton.tsx';
import { messages } from './messages.ts';
import { PresetEditor } from './PresetEditor.tsx';
import { presetMessages } from './presetMessages.ts';
import { StageControls } from './StageControls.tsx';

const MAX_MESSAGE = 280;

export function MessagePanel({ view }: { view: SessionView }) {
  const t = useT(messages);
  const tp = useT(presetMessages);
  const id = useId();
  const [editing, setEditing] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const presets = view.messagePresets ?? DEFAULT_MESSAGE_PRESETS;
  const [text, setText] = useState('');
  const [flash, setFlash] = useState(false);
  const [fullscreen, setFullscreen] = useState(false);
  const current = view.message;

  const show = (value: string) => act({ type: 'message.show', text: value, flash, fullscreen });

  return (
    <section className="message panel" aria-labelledby={`${id}-title`} data-testid="message-panel">
      <div className="panel-head">
        <h2 id={`${id}-title`}>{t('message.title')}</h2>
        <div className="message-flags" role="group" aria-label={t('message.options')}>
          <label>
            <input
              type="checkbox"
              checked={flash}
              data-testid="message-flash"
              onChange={(e) => setFlash(e.target.checked)}
            />{' '}
            {t('message.flash')}
          </label>
          <label>
            <input
              type="checkbox"
              checked={fullscreen}
              data-testid="message-fullscreen"
              onChange={(e) => setFullscreen(e.target.checked)}
            />{' '}
            {t('message.fullscreen')}
          </label>
        </div>
      </div>
      <div
        className={`message-current${current ? ' has-message' : ''}`}
        data-testid="message-current"
        aria-live="polite"
      >
        <div className="message-now">
          {current ? (
            <>
              <span className="hint">
                {[
                  t('message.current'),
                  current.flash && t('message.flash'),
                  current.fullscreen && t('message.fullscreen'),
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </span>
              <p className="message-text">{current.text}</p>
            </>
          ) : (
            <p className="hint">{t('message.none')}</p>
          )}
        </div>
        <ConsoleButton
          commandType="message.clear"
          refusal={current ? null : fail('not-allowed', t('message.none'))}
          onPress={() => void act({ type: 'message.clear' })}
          testId="message-clear"
          variant="small"
        >
          {t('message.clear')}
        </ConsoleButton>
      </div>
      <div className="presets" role="group" aria-label={t('message.presets')}>
        {DESK_LANGS.map(({ code, short }) => (
          <div key={code} className="preset-group" lang={code}>
            <span className="preset-lang" aria-hidden="true">
              {short}
            </span>
            {presets.map((preset, i) => (
              <button
                key={i}
                type="button"
                className="btn btn-small btn-preset"
                data-testid={`preset-${code}-${i}`}
                onClick={() => void show(preset[code])}
              >
                {preset[code]}
              </button>
            ))}
          </div>
        ))}
        <button
          ref={editButton}
          type="button"
          className="btn btn-small btn-link preset-edit"
          aria-expanded={editing}
          data-testid="preset-edit"
          onClick={() => setEditing((open) => !open)}
        >
          {tp('edit')}
        </button>
      </div>
      {editing && (
        <PresetEditor
          presets={presets}
          onClose={() => {
            setEditing(false);
            editButton.current?.focus();
          }}
        />
      )}
      <form
        className="message-free"
        onSubmit={(e) => {
          e.preventDefault();
          const value = text.trim();
          if (value) void show(value).then((ack) => ack.ok && setText(''));
        }}
      >
        <input
          aria-label={t('message.free')}
          placeholder={t('message.free')}
          data-testid="message-text"
          maxLength={MAX_MESSAGE}
          autoComplete="off"
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <button type="submit" className="btn btn-small btn-primary" data-testid="message-show">
          {t('message.show')}
        </button>
      </form>
      <StageControls view={view} />
    </section>
  );
}

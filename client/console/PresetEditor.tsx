/**
 * The editor of the message presets: each preset in English and in French, added, changed,
 * removed and put in order, then saved as one `message.presets` command (kept in the log, undone
 * like any other). Plain inputs and buttons in one form, so the keyboard does everything: Tab
 * moves, Enter saves, Escape cancels.
 */
import { useEffect, useId, useRef, useState } from 'react';
import {
  DEFAULT_MESSAGE_PRESETS,
  MAX_MESSAGE_PRESETS,
  MAX_PRESET_LENGTH,
  type MessagePreset,
} from '../../shared/presets.ts';
import { useT } from '../lib/i18n.ts';
import { act } from './act.ts';
import { EnglishFrenchFields } from './EnglishFrenchFields.tsx';
import { presetMessages } from './presetMessages.ts';
import './presetEditor.css';

interface Row extends MessagePreset {
  /** React's key: stays with the row when it moves. */
  readonly key: number;
}

let nextKey = 0;
const rowsOf = (presets: readonly MessagePreset[]): Row[] =>
  presets.map(({ en, fr }) => ({ en, fr, key: nextKey++ }));

export function PresetEditor({
  presets,
  onClose,
}: {
  readonly presets: readonly MessagePreset[];
  readonly onClose: () => void;
}) {
  const t = useT(presetMessages);
  const id = useId();
  const [rows, setRows] = useState(() => rowsOf(presets));
  const form = useRef<HTMLFormElement>(null);
  /** Where focus goes once the rows are drawn (`[data-focus="…"]`): first, the first field. */
  const focusNext = useRef<string | null>('en-0');

  useEffect(() => {
    const focus = focusNext.current;
    if (focus === null) return;
    focusNext.current = null;
    const find = (name: string) =>
      form.current?.querySelector<HTMLElement>(`[data-focus="${name}"]`) ?? null;
    // A row moved to an end loses that arrow: its English field takes the focus instead.
    (find(focus) ?? find(`en-${focus.split('-').pop() ?? ''}`) ?? find('add'))?.focus();
  }, [rows]);
  const setFocus = (name: string) => {
    focusNext.current = name;
  };

  const change = (index: number, lang: 'en' | 'fr', value: string) =>
    setRows((all) => all.map((row, i) => (i === index ? { ...row, [lang]: value } : row)));
  const move = (index: number, by: -1 | 1) => {
    const to = index + by;
    setRows((all) => {
      const next = [...all];
      const [row] = next.splice(index, 1);
      if (row) next.splice(to, 0, row);
      return next;
    });
    setFocus(`${by < 0 ? 'up' : 'down'}-${to}`);
  };
  const remove = (index: number) => {
    setRows((all) => all.filter((_, i) => i !== index));
    setFocus(rows.length > 1 ? `en-${Math.min(index, rows.length - 2)}` : 'add');
  };
  const add = () => {
    setRows((all) => [...all, { en: '', fr: '', key: nextKey++ }]);
    setFocus(`en-${rows.length}`);
  };

  const save = async () => {
    const ack = await act({
      type: 'message.presets',
      presets: rows.map(({ en, fr }) => ({ en: en.trim(), fr: fr.trim() })),
    });
    // Saving what is already there changes nothing: the editor closes all the same.
    if (ack.ok || ack.error.key === 'presets-unchanged') onClose();
  };

  return (
    <form
      ref={form}
      className="preset-editor"
      data-testid="preset-editor"
      aria-label={t('title')}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <p className="hint">{t('hint')}</p>
      {rows.length === 0 && <p className="hint">{t('none')}</p>}
      <ol className="preset-rows">
        {rows.map((row, i) => {
          const n = i + 1;
          return (
            <li key={row.key} className="preset-row" data-testid={`preset-row-${i}`}>
              <fieldset>
                <legend className="preset-row-title">{t('preset-n', { n })}</legend>
                <EnglishFrenchFields
                  id={`${id}-${row.key}`}
                  className="preset-field"
                  labels={{ en: t('en'), fr: t('fr') }}
                  testIds={{ en: `preset-edit-en-${i}`, fr: `preset-edit-fr-${i}` }}
                  values={row}
                  onChange={(lang, value) => change(i, lang, value)}
                  maxLength={MAX_PRESET_LENGTH}
                  focusName={`en-${i}`}
                />
                <div className="preset-row-actions">
                  {i > 0 && (
                    <button
                      type="button"
                      className="btn btn-small btn-icon"
                      aria-label={t('up', { n })}
                      title={t('up', { n })}
                      data-focus={`up-${i}`}
                      data-testid={`preset-up-${i}`}
                      onClick={() => move(i, -1)}
                    >
                      ↑
                    </button>
                  )}
                  {i < rows.length - 1 && (
                    <button
                      type="button"
                      className="btn btn-small btn-icon"
                      aria-label={t('down', { n })}
                      title={t('down', { n })}
                      data-focus={`down-${i}`}
                      data-testid={`preset-down-${i}`}
                      onClick={() => move(i, 1)}
                    >
                      ↓
                    </button>
                  )}
                  <button
                    type="button"
                    className="btn btn-small btn-danger"
                    aria-label={t('remove', { n })}
                    data-testid={`preset-remove-${i}`}
                    onClick={() => remove(i)}
                  >
                    ✕
                  </button>
                </div>
              </fieldset>
            </li>
          );
        })}
      </ol>
      <div className="preset-editor-actions">
        {rows.length < MAX_MESSAGE_PRESETS ? (
          <button
            type="button"
            className="btn btn-small"
            data-focus="add"
            data-testid="preset-add"
            onClick={add}
          >
            {t('add')}
          </button>
        ) : (
          <span className="hint">{t('full', { max: MAX_MESSAGE_PRESETS })}</span>
        )}
        <button
          type="button"
          className="btn btn-small btn-link"
          data-testid="preset-defaults"
          onClick={() => setRows(rowsOf(DEFAULT_MESSAGE_PRESETS))}
        >
          {t('defaults')}
        </button>
        <span className="preset-editor-end">
          <button
            type="button"
            className="btn btn-small"
            data-testid="preset-cancel"
            onClick={onClose}
          >
            {t('cancel')}
          </button>
          <button type="submit" className="btn btn-small btn-primary" data-testid="preset-save">
            {t('save')}
          </button>
        </span>
      </div>
    </form>
  );
}

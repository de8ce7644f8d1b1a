/** The meeting's title, venue, planned start and time zone. */
import { useId, useMemo, useState } from 'react';
import type { CommandOf } from '../../shared/commands.ts';
import type { SessionView } from '../../shared/views.ts';
import { pick } from '../../shared/localText.ts';
import { useLang, useT } from '../lib/i18n.ts';
import { act, showRefusal } from './act.ts';
import { fail } from '../../shared/errors.ts';
import { editedText } from './formValues.ts';
import { messages } from './messages.ts';

type Changes = CommandOf<'session.update'>['changes'];

export function MeetingSettingsForm({ view, onDone }: { view: SessionView; onDone: () => void }) {
  const t = useT(messages);
  const id = useId();
  const lang = useLang((s) => s.lang);
  // A text in several languages is edited in the console's language; the others are kept.
  const shownTitle = pick(view.meta.title, lang);
  const shownVenue = pick(view.meta.venue, lang) ?? '';
  const [title, setTitle] = useState(shownTitle);
  const [venue, setVenue] = useState(shownVenue);
  const [plannedStart, setPlannedStart] = useState(view.meta.plannedStart?.slice(0, 16) ?? '');
  const [timeZone, setTimeZone] = useState(view.meta.timeZone);
  const zones = useMemo(() => {
    try {
      return Intl.supportedValuesOf('timeZone');
    } catch {
      return [];
    }
  }, []);

  return (
    <form
      className="inline-form"
      data-testid="settings-form"
      onSubmit={(e) => {
        e.preventDefault();
        const changes: { -readonly [K in keyof Changes]: Changes[K] } = {};
        const editedTitle = editedText(view.meta.title, title, lang);
        if (title.trim() !== shownTitle && editedTitle !== undefined) changes.title = editedTitle;
        if (venue.trim() !== shownVenue)
          changes.venue = editedText(view.meta.venue, venue, lang) ?? null;
        const start = plannedStart || null;
        if (start !== (view.meta.plannedStart?.slice(0, 16) ?? null)) changes.plannedStart = start;
        if (timeZone.trim() !== view.meta.timeZone) changes.timeZone = timeZone.trim();
        if (Object.keys(changes).length === 0) {
          showRefusal('session.update', fail('invalid', t('form.nothing-changed')));
          return;
        }
        void act({ type: 'session.update', changes }).then((ack) => ack.ok && onDone());
      }}
    >
      <label htmlFor={`${id}-title`}>{t('form.title')}</label>
      <input id={`${id}-title`} value={title} onChange={(e) => setTitle(e.target.value)} required />
      <label htmlFor={`${id}-venue`}>{t('form.venue')}</label>
      <input id={`${id}-venue`} value={venue} onChange={(e) => setVenue(e.target.value)} />
      <label htmlFor={`${id}-start`}>{t('form.planned-start')}</label>
      <input
        id={`${id}-start`}
        type="datetime-local"
        data-testid="settings-planned-start"
        value={plannedStart}
        onChange={(e) => setPlannedStart(e.target.value)}
      />
      <label htmlFor={`${id}-zone`}>{t('form.time-zone')}</label>
      <input
        id={`${id}-zone`}
        list={`${id}-zones`}
        data-testid="settings-time-zone"
        value={timeZone}
        onChange={(e) => setTimeZone(e.target.value)}
        required
      />
      <datalist id={`${id}-zones`}>
        {zones.map((z) => (
          <option key={z} value={z} />
        ))}
      </datalist>
      <div className="form-actions">
        <button type="button" className="btn btn-small" onClick={onDone}>
          {t('form.cancel')}
        </button>
        <button type="submit" className="btn btn-small btn-primary" data-testid="settings-save">
          {t('form.save')}
        </button>
      </div>
    </form>
  );
}

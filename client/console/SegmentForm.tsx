/**
 * A segment's title and budget, and for an open floor the time each kind of request gets, in
 * minutes and seconds. Enter saves what changed; Escape cancels.
 */
import { useId, useState } from 'react';
import type { CommandOf } from '../../shared/commands.ts';
import { formatDurationForFile, formatLength } from '../../shared/duration.ts';
import { fail } from '../../shared/errors.ts';
import { REQUEST_KINDS, type RequestKind } from '../../shared/kinds.ts';
import type { SegmentView } from '../../shared/views.ts';
import { pick } from '../../shared/localText.ts';
import { common, useLang, useT } from '../lib/i18n.ts';
import { act, showRefusal } from './act.ts';
import { durationInput, editedText } from './formValues.ts';
import { messages } from './messages.ts';

type Changes = CommandOf<'segment.update'>['changes'];
type Times = NonNullable<Changes['times']>;

/** The times as the form shows them, `m:ss`; an empty object for a panel segment. */
function timesText(segment: SegmentView): Partial<Record<RequestKind, string>> {
  if (segment.kind !== 'floor') return {};
  const out: Partial<Record<RequestKind, string>> = {};
  for (const kind of REQUEST_KINDS) out[kind] = formatLength(segment.timesMs[kind]);
  return out;
}

export function SegmentForm({ segment, onDone }: { segment: SegmentView; onDone: () => void }) {
  const t = useT(messages);
  const tc = useT(common);
  const id = useId();
  const lang = useLang((s) => s.lang);
  // A title in several languages is edited in the console's language; the others are kept.
  const shownTitle = pick(segment.title, lang);
  const [title, setTitle] = useState(shownTitle);
  const initialBudget = String(formatDurationForFile(segment.budgetMs));
  const [budget, setBudget] = useState(initialBudget);
  const [initialTimes] = useState(() => timesText(segment));
  const [times, setTimes] = useState(initialTimes);
  return (
    <form
      className="inline-form"
      data-testid={`segment-form-${segment.id}`}
      onKeyDown={(e) => {
        if (e.key !== 'Escape' || e.defaultPrevented) return;
        e.preventDefault();
        onDone();
      }}
      onSubmit={(e) => {
        e.preventDefault();
        const changes: { -readonly [K in keyof Changes]: Changes[K] } = {};
        const edited = editedText(segment.title, title, lang);
        if (title.trim() !== shownTitle && edited !== undefined) changes.title = edited;
        if (budget.trim() !== initialBudget) changes.budget = durationInput(budget);
        const changedTimes: { -readonly [K in keyof Times]: Times[K] } = {};
        for (const kind of REQUEST_KINDS) {
          const text = times[kind];
          if (text !== undefined && text.trim() !== initialTimes[kind]) {
            changedTimes[kind] = durationInput(text);
          }
        }
        if (Object.keys(changedTimes).length > 0) changes.times = changedTimes;
        if (Object.keys(changes).length === 0) {
          showRefusal('segment.update', fail('invalid', t('form.nothing-changed')));
          return;
        }
        void act({ type: 'segment.update', segmentId: segment.id, changes }).then(
          (ack) => ack.ok && onDone(),
        );
      }}
    >
      <label htmlFor={`${id}-title`}>{t('form.title')}</label>
      <input id={`${id}-title`} value={title} onChange={(e) => setTitle(e.target.value)} required />
      <label htmlFor={`${id}-budget`}>{t('form.budget')}</label>
      <input
        id={`${id}-budget`}
        data-testid={`segment-budget-${segment.id}`}
        inputMode="decimal"
        value={budget}
        onChange={(e) => setBudget(e.target.value)}
        required
      />
      {segment.kind === 'floor' && (
        <fieldset className="kind-times">
          <legend>{t('form.times')}</legend>
          {REQUEST_KINDS.map((kind) => (
            <div className="field" key={kind}>
              <label htmlFor={`${id}-time-${kind}`}>{tc(`kind.${kind}`)}</label>
              <input
                id={`${id}-time-${kind}`}
                className="time"
                data-testid={`segment-time-${kind}-${segment.id}`}
                inputMode="numeric"
                autoComplete="off"
                value={times[kind] ?? ''}
                onChange={(e) => setTimes((all) => ({ ...all, [kind]: e.target.value }))}
                required
              />
            </div>
          ))}
        </fieldset>
      )}
      <div className="form-actions">
        <button type="button" className="btn btn-small" onClick={onDone}>
          {t('form.cancel')}
        </button>
        <button
          type="submit"
          className="btn btn-small btn-primary"
          data-testid={`segment-save-${segment.id}`}
        >
          {t('form.save')}
        </button>
      </div>
    </form>
  );
}

/** A segment's title and budget. */
import { useId, useState } from 'react';
import type { CommandOf } from '../../shared/commands.ts';
import { formatDurationForFile } from '../../shared/duration.ts';
import { fail } from '../../shared/errors.ts';
import type { SegmentView } from '../../shared/views.ts';
import { pick } from '../../shared/localText.ts';
import { useLang, useT } from '../lib/i18n.ts';
import { act, showRefusal } from './act.ts';
import { durationInput, editedText } from './formValues.ts';
import { messages } from './messages.ts';

type Changes = CommandOf<'segment.update'>['changes'];

export function SegmentForm({ segment, onDone }: { segment: SegmentView; onDone: () => void }) {
  const t = useT(messages);
  const id = useId();
  const lang = useLang((s) => s.lang);
  // A title in several languages is edited in the console's language; the others are kept.
  const shownTitle = pick(segment.title, lang);
  const [title, setTitle] = useState(shownTitle);
  const initialBudget = String(formatDurationForFile(segment.budgetMs));
  const [budget, setBudget] = useState(initialBudget);
  return (
    <form
      className="inline-form"
      data-testid={`segment-form-${segment.id}`}
      onSubmit={(e) => {
        e.preventDefault();
        const changes: { -readonly [K in keyof Changes]: Changes[K] } = {};
        const edited = editedText(segment.title, title, lang);
        if (title.trim() !== shownTitle && edited !== undefined) changes.title = edited;
        if (budget.trim() !== initialBudget) changes.budget = durationInput(budget);
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

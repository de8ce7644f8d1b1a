/** One segment of the programme: its budget and state, its items, and adding a speaker. */
import { useRef, useState } from 'react';
import { formatLength } from '../../shared/duration.ts';
import { REQUEST_KINDS } from '../../shared/kinds.ts';
import type { SegmentSchedule } from '../../shared/schedule.ts';
import type { SegmentView, SessionView } from '../../shared/views.ts';
import { minutes } from '../lib/format.ts';
import { pick } from '../../shared/localText.ts';
import { common, useLang, useT } from '../lib/i18n.ts';
import { ItemForm } from './ItemForm.tsx';
import { ItemRow } from './ItemRow.tsx';
import { messages } from './messages.ts';
import { SegmentForm } from './SegmentForm.tsx';

export function SegmentBlock({
  view,
  segment,
  index,
  schedule,
}: {
  view: SessionView;
  segment: SegmentView;
  index: number;
  schedule: SegmentSchedule | null;
}) {
  const t = useT(messages);
  const lang = useLang((s) => s.lang);
  const tc = useT(common);
  const editButton = useRef<HTMLButtonElement>(null);
  const [editing, setEditing] = useState(false);
  const [adding, setAdding] = useState(false);
  const headingId = `segment-${segment.id}-title`;
  return (
    <section
      className={`segment segment-${segment.status}`}
      aria-labelledby={headingId}
      data-testid={`segment-${segment.id}`}
      data-status={segment.status}
    >
      <div className="segment-head">
        <h3 id={headingId}>
          <span className="segment-index">{index + 1}.</span> {pick(segment.title, lang)}
        </h3>
        <p className="segment-meta">
          <span>{segment.kind === 'panel' ? t('programme.panel') : t('programme.floor')}</span>
          <span className="time">
            {t('programme.budget', { minutes: minutes(segment.budgetMs) })}
          </span>
          {segment.status === 'active' && (
            <span className="badge badge-live">{t('programme.segment-active')}</span>
          )}
          {segment.status === 'done' && (
            <span className="badge">{t('programme.segment-done')}</span>
          )}
          <button
            ref={editButton}
            type="button"
            className="btn btn-link"
            aria-expanded={editing}
            data-testid={`segment-edit-${segment.id}`}
            onClick={() => setEditing((e) => !e)}
          >
            {t('programme.edit-segment')}
          </button>
        </p>
      </div>
      {editing && (
        <SegmentForm
          segment={segment}
          onDone={() => {
            setEditing(false);
            editButton.current?.focus();
          }}
        />
      )}
      {segment.kind === 'floor' && (
        <p className="segment-note time" data-testid={`segment-times-${segment.id}`}>
          {REQUEST_KINDS.map(
            (kind) => `${tc(`kind.${kind}`)} ${formatLength(segment.timesMs[kind])}`,
          ).join(' · ')}
        </p>
      )}
      {segment.kind === 'floor' && (
        <p className="segment-note">
          {t('programme.queued', { count: view.floor.queue.length })}
          {segment.items.length === 0 && ` · ${t('programme.empty-floor')}`}
        </p>
      )}
      <ol className="items">
        {segment.items.map((item, i) => (
          <ItemRow
            key={item.id}
            view={view}
            segment={segment}
            item={item}
            index={i}
            spokenMs={schedule?.items.find((s) => s.itemId === item.id)?.spokenMs ?? 0}
          />
        ))}
      </ol>
      {segment.kind === 'panel' &&
        (adding ? (
          <ItemForm segmentId={segment.id} item={null} onDone={() => setAdding(false)} />
        ) : (
          <button
            type="button"
            className="btn btn-small btn-add"
            data-testid={`item-add-${segment.id}`}
            onClick={() => setAdding(true)}
          >
            + {t('programme.add')}
          </button>
        ))}
    </section>
  );
}

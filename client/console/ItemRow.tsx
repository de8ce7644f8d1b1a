/**
 * One item of the programme: its state (upcoming, speaking, done with its actual time, skipped,
 * interrupted) and, opened, its details and what can be done with it.
 */
import { useEffect, useRef, useState } from 'react';
import { availability } from '../../shared/enablement.ts';
import { formatLength } from '../../shared/duration.ts';
import type { ItemView, SegmentView, SessionView } from '../../shared/views.ts';
import { onTheFloor } from '../../shared/state.ts';
import { enablementOfView } from '../../shared/views.ts';
import { minutes, speakerName, speakerRole } from '../lib/format.ts';
import { pick } from '../../shared/localText.ts';
import { common, delegationLabel, useLang, useT } from '../lib/i18n.ts';
import { act } from './act.ts';
import { ConsoleButton } from './ConsoleButton.tsx';
import { ItemForm } from './ItemForm.tsx';
import { messages } from './messages.ts';
import { askConfirm } from './uiStore.ts';
import { itemName } from './viewHelpers.ts';

const MARK: Record<ItemView['status'], string> = {
  upcoming: '○',
  speaking: '▶',
  interrupted: '⏸',
  done: '✓',
  skipped: '⤼',
};

export function ItemRow({
  view,
  segment,
  item,
  index,
  spokenMs,
}: {
  view: SessionView;
  segment: SegmentView;
  item: ItemView;
  index: number;
  spokenMs: number;
}) {
  const t = useT(messages);
  const tc = useT(common);
  const [open, setOpen] = useState(false);
  const [editing, setEditing] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const refocus = useRef(false);
  // Back from the form, the keyboard is where it was: on "Edit".
  useEffect(() => {
    if (editing || !refocus.current) return;
    refocus.current = false;
    editButton.current?.focus();
  }, [editing]);
  const lang = useLang((s) => s.lang);
  const name = itemName(
    view,
    item,
    (s) => speakerName(s, lang),
    (ref) => delegationLabel(ref, lang),
  );
  const enablement = enablementOfView(view);
  const panel = segment.kind === 'panel';
  const upcoming = item.status === 'upcoming';
  const detailsId = `item-${item.id}-details`;

  return (
    <li
      className={`item item-${item.status}`}
      data-testid={`item-${item.id}`}
      data-status={item.status}
      data-interrupted={item.status === 'interrupted' || undefined}
    >
      <button
        type="button"
        className="item-summary"
        aria-expanded={open}
        aria-controls={detailsId}
        aria-label={t('item.details', { name })}
        onClick={() => setOpen((o) => !o)}
      >
        <span className="item-mark" aria-hidden="true">
          {MARK[item.status]}
        </span>
        <span className="item-name">{name}</span>
        <span className="item-time time">
          {item.status === 'done' || (item.status === 'skipped' && spokenMs > 0)
            ? formatLength(spokenMs)
            : minutes(item.allottedMs)}
        </span>
        <span
          className={`item-state state-${item.status}${
            item.status === 'upcoming' || item.status === 'done' ? ' visually-hidden' : ''
          }`}
        >
          {t(`item.${item.status}`)}
        </span>
      </button>
      {open && (
        <div id={detailsId} className="item-details">
          <p>
            {[speakerRole(item.speaker, lang), tc(`kind.${item.kind}`)].filter(Boolean).join(' · ')}
          </p>
          {item.topic && <p className="item-topic">{pick(item.topic, lang)}</p>}
          <p className="time">
            {t('item.planned', { minutes: minutes(item.allottedMs) })}
            {spokenMs > 0 && ` · ${t('item.spoke', { length: formatLength(spokenMs) })}`}
          </p>
          {panel && !editing && (
            <div className="item-actions">
              {!onTheFloor(item) && (
                <ConsoleButton
                  commandType="speaker.call"
                  refusal={availability(enablement, 'speaker.call')}
                  onPress={() => void act({ type: 'speaker.call', itemId: item.id })}
                  testId={`item-call-${item.id}`}
                  variant="small"
                >
                  {t('item.call')}
                </ConsoleButton>
              )}
              <button
                ref={editButton}
                type="button"
                className="btn btn-small"
                data-testid={`item-edit-${item.id}`}
                onClick={() => setEditing(true)}
              >
                {t('item.edit')}
              </button>
              <button
                type="button"
                className="btn btn-small"
                aria-label={t('item.up-label', { name })}
                disabled={index === 0}
                data-testid={`item-up-${item.id}`}
                onClick={() => void act({ type: 'item.move', itemId: item.id, toIndex: index - 1 })}
              >
                ↑ {t('item.up')}
              </button>
              <button
                type="button"
                className="btn btn-small"
                aria-label={t('item.down-label', { name })}
                disabled={index === segment.items.length - 1}
                data-testid={`item-down-${item.id}`}
                onClick={() => void act({ type: 'item.move', itemId: item.id, toIndex: index + 1 })}
              >
                ↓ {t('item.down')}
              </button>
              {upcoming && (
                <button
                  type="button"
                  className="btn btn-small btn-danger"
                  data-testid={`item-skip-${item.id}`}
                  onClick={() =>
                    askConfirm({
                      question: t('confirm.skip', { name }),
                      command: { type: 'speaker.skip', itemId: item.id },
                    })
                  }
                >
                  {t('item.skip')}
                </button>
              )}
              {!onTheFloor(item) && (
                <button
                  type="button"
                  className="btn btn-small btn-danger"
                  data-testid={`item-remove-${item.id}`}
                  onClick={() =>
                    askConfirm({
                      question: t('confirm.remove', { name }),
                      command: { type: 'item.remove', itemId: item.id },
                    })
                  }
                >
                  {t('item.remove')}
                </button>
              )}
            </div>
          )}
          {editing && (
            <ItemForm
              segmentId={segment.id}
              item={item}
              segments={view.segments.filter((s) => s.kind === 'panel')}
              onDone={(movedTo) => {
                setEditing(false);
                if (!movedTo) {
                  refocus.current = true;
                  return;
                }
                // Moved, the row is drawn anew in its segment: the keyboard follows it there.
                requestAnimationFrame(() =>
                  document
                    .querySelector<HTMLElement>(`[data-testid="item-${item.id}"] .item-summary`)
                    ?.focus(),
                );
              }}
            />
          )}
        </div>
      )}
    </li>
  );
}

/** The list of speakers in the order they will be heard, moved by buttons, keys or dragging. */
import { useEffect, useRef } from 'react';
import { availability } from '../../shared/enablement.ts';
import { fail } from '../../shared/errors.ts';
import type { QueueEntry, SessionView } from '../../shared/views.ts';
import { enablementOfView } from '../../shared/views.ts';
import { useT } from '../lib/i18n.ts';
import { act } from './act.ts';
import { messages } from './messages.ts';
import { QueueRow } from './QueueRow.tsx';
import { currentSegment } from './viewHelpers.ts';

export function QueueList({ view }: { view: SessionView }) {
  const t = useT(messages);
  const list = useRef<HTMLOListElement>(null);
  // The row to keep focused once the server's new order arrives (React may re-insert it).
  const follow = useRef<string | null>(null);
  const queue = view.floor.queue;

  useEffect(() => {
    const id = follow.current;
    if (!id) return;
    const row = list.current?.querySelector<HTMLElement>(`[data-request-id="${CSS.escape(id)}"]`);
    if (row && document.activeElement !== row) row.focus();
  }, [queue]);

  const onFloor = currentSegment(view)?.kind === 'floor';
  const base = availability(enablementOfView(view), 'floor.give');
  const giveRefusal = (entry: QueueEntry) =>
    base ??
    (onFloor || entry.kind === 'point-of-order'
      ? null
      : fail('not-allowed', t('floor.give-not-here')));

  if (queue.length === 0) {
    return (
      <p className="empty" data-testid="queue-empty">
        {t('floor.queue-empty')}
      </p>
    );
  }
  return (
    <>
      <ol className="queue" ref={list} data-testid="queue" aria-describedby="queue-hint">
        {queue.map((entry, index) => (
          <QueueRow
            key={entry.id}
            view={view}
            entry={entry}
            index={index}
            count={queue.length}
            giveRefusal={giveRefusal(entry)}
            onMove={(e, toIndex) => {
              follow.current = e.id;
              void act({ type: 'floor.move', requestId: e.id, toIndex });
            }}
            onDropRequest={(requestId, toIndex) => {
              follow.current = requestId;
              void act({ type: 'floor.move', requestId, toIndex });
            }}
            onStep={(from, step) => {
              const rows = list.current?.querySelectorAll<HTMLElement>('.queue-row');
              rows?.[from + step]?.focus();
            }}
          />
        ))}
      </ol>
      <p id="queue-hint" className="hint">
        {t('floor.queue-hint')}
      </p>
    </>
  );
}

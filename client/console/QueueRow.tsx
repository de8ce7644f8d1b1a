/**
 * One place in the list of speakers: give the floor, move it, decline it. The row takes the
 * focus: ↑/↓ go through the list, Alt+↑/Alt+↓ move the request, Enter gives the floor. A row
 * can also be dragged onto another place.
 */
import { useState } from 'react';
import type { GavelError } from '../../shared/errors.ts';
import type { QueueEntry, SessionView } from '../../shared/views.ts';
import { common, delegationLabel, useLang, useT } from '../lib/i18n.ts';
import { act } from './act.ts';
import { ConsoleButton } from './ConsoleButton.tsx';
import { DeclineControl } from './DeclineControl.tsx';
import { messages } from './messages.ts';
import { requestDetails } from './requestText.ts';

export function QueueRow({
  view,
  entry,
  index,
  count,
  giveRefusal,
  onMove,
  onStep,
  onDropRequest,
}: {
  view: SessionView;
  entry: QueueEntry;
  index: number;
  count: number;
  giveRefusal: GavelError | null;
  onMove: (entry: QueueEntry, toIndex: number) => void;
  onStep: (fromIndex: number, step: -1 | 1) => void;
  /** A row dropped here: the request to move to this place. */
  onDropRequest: (requestId: string, toIndex: number) => void;
}) {
  const [dragOver, setDragOver] = useState(false);
  const t = useT(messages);
  const tc = useT(common);
  const lang = useLang((s) => s.lang);
  const name = delegationLabel(entry.delegation, lang);
  const give = () => void act({ type: 'floor.give', requestId: entry.id });
  return (
    <li
      className={dragOver ? 'queue-row drag-over' : 'queue-row'}
      tabIndex={0}
      draggable
      onDragStart={(e) => {
        e.dataTransfer.setData('application/x-gavel-request', entry.id);
        e.dataTransfer.effectAllowed = 'move';
      }}
      onDragOver={(e) => {
        if (!e.dataTransfer.types.includes('application/x-gavel-request')) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'move';
        setDragOver(true);
      }}
      onDragLeave={() => setDragOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setDragOver(false);
        const id = e.dataTransfer.getData('application/x-gavel-request');
        if (id && id !== entry.id) onDropRequest(id, index);
      }}
      data-testid={`queue-${entry.id}`}
      data-request-id={entry.id}
      data-index={index}
      aria-label={`${t('floor.position', { n: index + 1 })} ${name}`}
      onKeyDown={(e) => {
        if (e.target !== e.currentTarget) return;
        if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
          e.preventDefault();
          const step = e.key === 'ArrowUp' ? -1 : 1;
          if (e.altKey) {
            const to = index + step;
            if (to >= 0 && to < count) onMove(entry, to);
          } else onStep(index, step);
        } else if (e.key === 'Enter' && !giveRefusal) {
          e.preventDefault();
          give();
        }
      }}
    >
      <span className="queue-pos time" aria-hidden="true">
        {index + 1}
      </span>
      <div className="queue-who">
        <p className="request-name">{name}</p>
        <p className="request-meta">{requestDetails(entry, view, lang, t, tc)}</p>
      </div>
      <div className="request-actions">
        <ConsoleButton
          commandType="floor.give"
          refusal={giveRefusal}
          onPress={give}
          testId={`give-${entry.id}`}
          ariaLabel={t('floor.give-label', { name })}
          variant="small"
        >
          {t('floor.give')}
        </ConsoleButton>
        <button
          type="button"
          className="btn btn-small btn-icon"
          aria-label={`${t('floor.up')}: ${name}`}
          title={t('floor.up')}
          disabled={index === 0}
          data-testid={`queue-up-${entry.id}`}
          onClick={() => onMove(entry, index - 1)}
        >
          ↑
        </button>
        <button
          type="button"
          className="btn btn-small btn-icon"
          aria-label={`${t('floor.down')}: ${name}`}
          title={t('floor.down')}
          disabled={index === count - 1}
          data-testid={`queue-down-${entry.id}`}
          onClick={() => onMove(entry, index + 1)}
        >
          ↓
        </button>
        <DeclineControl requestId={entry.id} name={name} />
      </div>
    </li>
  );
}

/**
 * Correcting one turn after the meeting (a start pressed late, a turn that should not count):
 * sends `record.correct`, kept in the log beside the original; the record then shows both.
 */
import { useId, useState } from 'react';
import type { TurnRecord } from '../../shared/record.ts';
import { zonedParts, zonedToEpoch } from '../../shared/zonedTime.ts';
import { useT } from '../lib/i18n.ts';
import { reportMessages } from './messages.ts';

const two = (n: number) => String(n).padStart(2, '0');

/** `HH:MM:SS` of an instant in the meeting's time zone, for a time input. */
function timeOf(at: number | null, timeZone: string): string {
  if (at === null) return '';
  const p = zonedParts(at, timeZone);
  return `${two(p.hour)}:${two(p.minute)}:${two(p.second)}`;
}

/** The instant of a typed time on the same day as `reference`, in the meeting's time zone. */
function instantOf(time: string, reference: number, timeZone: string): number | null {
  const p = zonedParts(reference, timeZone);
  const full = time.length === 5 ? `${time}:00` : time;
  return zonedToEpoch(`${p.year}-${two(p.month)}-${two(p.day)}T${full}`, timeZone);
}

export function CorrectionForm(props: {
  readonly session: string;
  readonly token: string;
  readonly turn: TurnRecord;
  readonly timeZone: string;
  readonly onDone: () => void;
}) {
  const { turn, timeZone } = props;
  const t = useT(reportMessages);
  const id = useId();
  const original = turn.corrected;
  const [start, setStart] = useState(timeOf(original.startedAt, timeZone));
  const [end, setEnd] = useState(timeOf(original.endedAt, timeZone));
  const [counts, setCounts] = useState(original.counts);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const reference = original.startedAt ?? turn.calledAt;

  return (
    <form
      className="correction no-print"
      data-testid={`correct-form-${turn.turnId}`}
      onSubmit={(e) => {
        e.preventDefault();
        const command: Record<string, unknown> = {
          type: 'record.correct',
          turnId: turn.turnId,
          note,
        };
        const startedAt = start ? instantOf(start, reference, timeZone) : null;
        const endedAt = end ? instantOf(end, reference, timeZone) : null;
        // Only a time the person changed is sent: the field shows whole seconds, the record keeps ms.
        if (startedAt !== null && start !== timeOf(original.startedAt, timeZone))
          command.startedAt = startedAt;
        if (endedAt !== null && end !== timeOf(original.endedAt, timeZone))
          command.endedAt = endedAt;
        if (counts !== original.counts) command.counts = counts;
        void fetch(`/api/sessions/${encodeURIComponent(props.session)}/commands`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${props.token}` },
          body: JSON.stringify(command),
        })
          .then((res) => res.json() as Promise<{ ok: boolean; error?: { message: string } }>)
          .then((ack) => (ack.ok ? props.onDone() : setError(ack.error?.message ?? '')))
          .catch((err: unknown) => setError(String(err)));
      }}
    >
      <label htmlFor={`${id}-start`}>{t('start')}</label>
      <input
        id={`${id}-start`}
        type="time"
        step={1}
        value={start}
        onChange={(e) => setStart(e.target.value)}
        data-testid="correct-start"
      />
      <label htmlFor={`${id}-end`}>{t('end')}</label>
      <input
        id={`${id}-end`}
        type="time"
        step={1}
        value={end}
        onChange={(e) => setEnd(e.target.value)}
        data-testid="correct-end"
      />
      <label>
        <input
          type="checkbox"
          checked={counts}
          onChange={(e) => setCounts(e.target.checked)}
          data-testid="correct-counts"
        />{' '}
        {t('counts')}
      </label>
      <label htmlFor={`${id}-note`}>{t('why')}</label>
      <input
        id={`${id}-note`}
        value={note}
        required
        maxLength={500}
        onChange={(e) => setNote(e.target.value)}
        data-testid="correct-note"
      />
      <button type="submit" data-testid="correct-save">
        {t('save-correction')}
      </button>
      {error && (
        <p role="alert" data-testid="correct-error">
          {error}
        </p>
      )}
    </form>
  );
}

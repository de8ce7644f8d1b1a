/**
 * The open floor: the list's state (open, close, reopen, the floor code), the minutes the queued
 * turns need against what is left, requests waiting for approval, the queue, and inscribing.
 */
import { useId, useState } from 'react';
import type { SessionView } from '../../shared/views.ts';
import { availability } from '../../shared/enablement.ts';
import { enablementOfView } from '../../shared/views.ts';
import { minutes } from '../lib/format.ts';
import { pick } from '../../shared/localText.ts';
import { common, delegationLabel, useLang, useT } from '../lib/i18n.ts';
import { useServerNow } from '../lib/useServerNow.ts';
import { act } from './act.ts';
import { AnswersDue } from './AnswersDue.tsx';
import { ConsoleButton } from './ConsoleButton.tsx';
import { InscribeForm } from './InscribeForm.tsx';
import { messages } from './messages.ts';
import { PendingRequest } from './PendingRequest.tsx';
import { QueueList } from './QueueList.tsx';
import { floorTime } from './scheduleSummary.ts';
import { floorSegment } from './viewHelpers.ts';

/** Whole minutes, rounded up: "needs 7′" must not hide the last half-minute. */
const wholeMinutes = (ms: number) => minutes(Math.ceil(ms / 60_000) * 60_000);

export function FloorPanel({ view }: { view: SessionView }) {
  const t = useT(messages);
  const tc = useT(common);
  const lang = useLang((s) => s.lang);
  const id = useId();
  const [code, setCode] = useState('');
  const now = useServerNow(1000);
  const segment = floorSegment(view);
  const time = segment ? floorTime(view, segment.id, now) : null;
  const { status } = view.floor;
  const pending = view.floor.requests.filter((r) => r.status === 'requested');
  const heard = view.floor.requests.filter(
    (r) => r.status !== 'requested' && r.status !== 'queued' && r.status !== 'speaking',
  );
  const enablement = enablementOfView(view);
  const over = time ? time.neededMs - time.leftMs : 0;

  return (
    <section
      className="floor panel"
      aria-labelledby={`${id}-title`}
      data-testid="floor"
      data-floor-status={status}
    >
      <div className="panel-head">
        <h2 id={`${id}-title`}>{t('floor.title')}</h2>
        <span
          className={`status floor-${status}`}
          data-testid="floor-status"
          title={tc(`floor.${status}`)}
        >
          {t(`floor.state.${status}`)}
        </span>
        {status === 'open' && (
          <ConsoleButton
            commandType="floor.close"
            refusal={availability(enablement, 'floor.close')}
            onPress={() => void act({ type: 'floor.close' })}
            testId="floor-close"
            variant="small"
          >
            {t('floor.close')}
          </ConsoleButton>
        )}
      </div>
      {/* The segment under way is named in the top bar: the line is for a list opened ahead. */}
      {segment?.id !== view.current.segmentId && (
        <p className="hint floor-for" title={pick(segment?.title, lang)}>
          {segment
            ? t('floor.for-segment', { title: pick(segment.title, lang) })
            : t('floor.no-segment')}
        </p>
      )}
      <div className="floor-state">
        {status !== 'open' && (
          <form
            className="floor-open-form"
            onSubmit={(e) => {
              e.preventDefault();
              const floorCode = code.trim();
              void act({ type: 'floor.open', ...(floorCode ? { floorCode } : {}) });
            }}
          >
            <label className="floor-code-label" htmlFor={`${id}-code`}>
              {t('floor.code')}
            </label>
            <input
              id={`${id}-code`}
              data-testid="floor-code-input"
              value={code}
              maxLength={12}
              autoComplete="off"
              onChange={(e) => setCode(e.target.value)}
            />
            <button type="submit" className="btn btn-primary btn-small" data-testid="floor-open">
              {status === 'closed' ? t('floor.reopen') : t('floor.open')}
            </button>
          </form>
        )}
        {view.floor.floorCode && (
          <span className="floor-code" data-testid="floor-code">
            {t('floor.code-shown', { code: view.floor.floorCode })}
          </span>
        )}
      </div>
      {time && (
        <p className={`floor-time time${over > 0 ? ' over' : ''}`} data-testid="floor-time">
          {t('floor.time', {
            needed: wholeMinutes(time.neededMs),
            left: wholeMinutes(time.leftMs),
          })}
          {over > 0 && (
            <strong role="status"> {t('floor.over', { minutes: wholeMinutes(over) })}</strong>
          )}
        </p>
      )}
      {/* The requests scroll on their own; the inscribe form below them stays in sight. */}
      <div className="floor-lists" data-testid="floor-lists">
        {pending.length > 0 && (
          <>
            <h3>{t('floor.pending')}</h3>
            <ul className="requests" data-testid="pending">
              {pending.map((r) => (
                <PendingRequest key={r.id} view={view} request={r} />
              ))}
            </ul>
          </>
        )}
        <h3>{t('floor.queue')}</h3>
        <QueueList view={view} />
        <AnswersDue view={view} />
        {heard.length > 0 && (
          <details className="history">
            <summary>{t('floor.history', { count: heard.length })}</summary>
            <ul>
              {heard.map((r) => (
                <li key={r.id}>
                  {delegationLabel(r.delegation, lang)} — {tc(`request.${r.status}`)}
                  {r.reason && ` (${r.reason})`}
                </li>
              ))}
            </ul>
          </details>
        )}
      </div>
      <InscribeForm view={view} />
    </section>
  );
}

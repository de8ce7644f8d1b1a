/**
 * One of this device's requests: where it stands, in words (a question names its panellist), and
 * a way to withdraw it that asks once, so a stray tap on a crowded phone does not lose a place.
 */
import { useState } from 'react';
import type { RequestView, ShownRequestStatus } from '../../shared/views.ts';
import { send } from '../lib/connection.ts';
import { common, delegationLabel, useLang, useT } from '../lib/i18n.ts';
import { displayMessages } from '../displays/messages.ts';
import { floorMessages } from './floorMessages.ts';

export function MyRequest({
  request,
  status,
  position,
  panellist,
}: {
  readonly request: RequestView;
  /** Its status as the delegate reads it (`shownRequestStatus`). */
  readonly status: ShownRequestStatus;
  /** 1 for the head of the list of speakers; null when not on it. */
  readonly position: number | null;
  /** The name of the panellist a question is addressed to; null for other requests. */
  readonly panellist: string | null;
}) {
  const lang = useLang((s) => s.lang);
  const t = useT(floorMessages);
  const c = useT(common);
  const d = useT(displayMessages);
  const [confirming, setConfirming] = useState(false);
  const [withdrawing, setWithdrawing] = useState(false);
  let state: string;
  switch (status) {
    case 'requested':
      state = c('request.requested');
      break;
    case 'queued':
      state =
        position === 1
          ? t('mine.next')
          : position !== null
            ? t('mine.position', { n: position })
            : c('request.queued');
      break;
    case 'speaking':
      state = t('mine.speaking');
      break;
    case 'interrupted':
      state = t('mine.interrupted');
      break;
    case 'declined':
      state = request.reason
        ? t('mine.declined', { reason: request.reason })
        : c('request.declined');
      break;
    // Worded here rather than from `common`: in French they agree with "la demande".
    case 'done':
    case 'withdrawn':
    case 'not-heard':
      state = t(`mine.${status}`);
      break;
    default:
      return status satisfies never;
  }
  const open = status === 'requested' || status === 'queued';
  return (
    <li className={`my-request my-request-${status}`} data-testid={`my-request-${request.id}`}>
      <p className="my-request-who">
        {delegationLabel(request.delegation, lang)}
        {request.speakerName ? ` (${request.speakerName})` : ''} ·{' '}
        {panellist ? d('speaker.question-to', { name: panellist }) : c(`kind.${request.kind}`)}
      </p>
      <p className="my-request-state" data-testid="my-request-state" data-status={status}>
        {state}
      </p>
      {open && confirming ? (
        <div className="my-request-confirm" role="group" aria-label={t('mine.withdraw-ask')}>
          <p className="my-request-ask">{t('mine.withdraw-ask')}</p>
          <button
            type="button"
            className="button-secondary"
            disabled={withdrawing}
            data-testid="my-request-withdraw-yes"
            onClick={() => {
              setWithdrawing(true);
              void send({ type: 'floor.withdraw', requestId: request.id }).finally(() => {
                setWithdrawing(false);
                setConfirming(false);
              });
            }}
          >
            {t('mine.withdraw-yes')}
          </button>
          <button
            type="button"
            className="button-secondary"
            disabled={withdrawing}
            data-testid="my-request-withdraw-no"
            onClick={() => setConfirming(false)}
          >
            {t('mine.withdraw-no')}
          </button>
        </div>
      ) : open ? (
        <button
          type="button"
          className="button-secondary"
          data-testid="my-request-withdraw"
          onClick={() => setConfirming(true)}
        >
          {t('mine.withdraw')}
        </button>
      ) : null}
    </li>
  );
}

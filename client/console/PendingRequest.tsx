/** A delegate's request waiting for approval: approve with a category, or decline with a reason. */
import { useId, useState } from 'react';
import { CATEGORIES, type Category } from '../../shared/categories.ts';
import type { RequestView, SessionView } from '../../shared/views.ts';
import { categoryKey, common, delegationLabel, useLang, useT } from '../lib/i18n.ts';
import { act } from './act.ts';
import { DeclineControl } from './DeclineControl.tsx';
import { messages } from './messages.ts';
import { requestDetails } from './requestText.ts';

export function PendingRequest({ view, request }: { view: SessionView; request: RequestView }) {
  const t = useT(messages);
  const tc = useT(common);
  const lang = useLang((s) => s.lang);
  const id = useId();
  const [category, setCategory] = useState<Category>(request.category);
  const name = delegationLabel(request.delegation, lang);
  return (
    <li className="request" data-testid={`request-${request.id}`} data-status={request.status}>
      <div className="queue-who">
        <p className="request-name">{name}</p>
        <p className="request-meta">
          {requestDetails(request, view, lang, t, tc)}
          {!request.byModerator && ` · ${t('floor.by-device')}`}
        </p>
      </div>
      <div className="request-actions">
        <label htmlFor={`${id}-category`} className="visually-hidden">
          {t('floor.category')}
        </label>
        <select
          id={`${id}-category`}
          data-testid={`approve-category-${request.id}`}
          value={category}
          onChange={(e) => setCategory(e.target.value as Category)}
        >
          {CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {tc(categoryKey(c))}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="btn btn-small btn-primary"
          data-testid={`approve-${request.id}`}
          aria-label={`${t('floor.approve')}: ${name}`}
          onClick={() => void act({ type: 'floor.approve', requestId: request.id, category })}
        >
          {t('floor.approve')}
        </button>
        <DeclineControl requestId={request.id} name={name} />
      </div>
    </li>
  );
}

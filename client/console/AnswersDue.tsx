/**
 * A round of questions is followed by the answers of the panellists they were addressed to,
 * grouped per panellist: this lists who owes answers and inscribes an answer in one press.
 */
import { answersDue } from '../../shared/answers.ts';
import type { SessionView } from '../../shared/views.ts';
import { speakerName } from '../lib/format.ts';
import { section, useLang, useT } from '../lib/i18n.ts';
import { act } from './act.ts';

const answerMessages = section('answers');

export function AnswersDue({ view }: { view: SessionView }) {
  const t = useT(answerMessages);
  const lang = useLang((s) => s.lang);
  const due = answersDue(view.floor.requests);
  if (due.length === 0) return null;
  const items = view.segments.flatMap((s) => s.items);
  return (
    <>
      <h3>{t('title')}</h3>
      <ul className="requests" data-testid="answers-due">
        {due.map((d) => {
          const panellist = items.find((i) => i.id === d.panellistItemId);
          return (
            <li key={d.panellistItemId} className="request">
              <strong>
                {panellist ? speakerName(panellist.speaker, lang) : d.panellistItemId}
              </strong>{' '}
              <span className="hint">{t('questions', { count: d.questionIds.length })}</span>{' '}
              <button
                type="button"
                className="btn btn-small"
                data-testid={`answer-${d.panellistItemId}`}
                onClick={() =>
                  void act({ type: 'floor.request', kind: 'answer', delegation: d.panellistItemId })
                }
              >
                {t('inscribe')}
              </button>
            </li>
          );
        })}
      </ul>
    </>
  );
}

/** The approved list of speakers of the open floor, in the order they will be heard. */
import type { FloorView } from '../../shared/views.ts';
import { common, delegationLabel, useLang, useT } from '../lib/i18n.ts';
import { displayMessages } from '../displays/messages.ts';
import { floorMessages } from './floorMessages.ts';

export function SpeakersList({ floor }: { readonly floor: FloorView }) {
  const lang = useLang((s) => s.lang);
  const t = useT(floorMessages);
  const c = useT(common);
  const d = useT(displayMessages);
  const queued = floor.queue.filter((e) => e.status === 'queued');
  return (
    <div className="live-speakers" data-testid="live-speakers">
      <h4 className="live-speakers-title">
        {t('speakers.title')}
        <span className="live-speakers-status"> · {c(`floor.${floor.status}`)}</span>
      </h4>
      {queued.length === 0 ? (
        <p className="live-speakers-empty">{t('speakers.empty')}</p>
      ) : (
        <ol className="live-speakers-list">
          {queued.map((entry, i) => (
            <li key={entry.id} className="live-speaker" data-testid={`live-speaker-${entry.id}`}>
              <span className="live-speaker-n tabular" aria-hidden="true">
                {i + 1}
              </span>
              <span className="visually-hidden">{t('speakers.position', { n: i + 1 })} </span>
              <span className="live-speaker-who">
                <span className="live-speaker-name">{delegationLabel(entry.delegation, lang)}</span>
                {entry.speakerName ? (
                  <span className="live-speaker-person"> ({entry.speakerName})</span>
                ) : null}
                {entry.kind !== 'statement' || entry.onBehalfOf ? (
                  <span className="live-speaker-kind">
                    {[
                      entry.kind === 'statement' ? null : c(`kind.${entry.kind}`),
                      entry.onBehalfOf
                        ? d('speaker.on-behalf', { group: delegationLabel(entry.onBehalfOf, lang) })
                        : null,
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </span>
                ) : null}
              </span>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

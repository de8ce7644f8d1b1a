/** The current turn, large: who speaks, for whom, on what, the countdown, and who comes next. */
import type { SessionView } from '../../shared/views.ts';
import { viewCurrentTurn } from '../../shared/views.ts';
import { speakerName, speakerRole } from '../lib/format.ts';
import { pick } from '../../shared/localText.ts';
import { categoryKey, common, delegationLabel, useLang, useT } from '../lib/i18n.ts';
import { Countdown } from './Countdown.tsx';
import { messages } from './messages.ts';
import { NextUpLine } from './NextUpLine.tsx';
import { findTurn, findViewItem, itemName, turnSpeaker } from './viewHelpers.ts';

export function CurrentTurn({ view }: { view: SessionView }) {
  const t = useT(messages);
  const tc = useT(common);
  const lang = useLang((s) => s.lang);
  const turn = viewCurrentTurn(view);
  const speaker = turn ? turnSpeaker(view, turn) : null;
  const item = turn ? findViewItem(view, turn.itemId)?.item : undefined;
  const interrupted = findTurn(view, view.current.interruptedTurnId);
  const interruptedItem = interrupted ? findViewItem(view, interrupted.itemId)?.item : undefined;
  const interruptedName = interruptedItem
    ? itemName(
        view,
        interruptedItem,
        (s) => speakerName(s, lang),
        (r) => delegationLabel(r, lang),
      )
    : null;

  // A floor turn speaks for a delegation, shown in the console's language: as its name when no
  // speaker was named, else beside the speaker's name.
  const floorTurn = turn?.requestId != null && turn.delegation !== null;
  const named =
    floorTurn && item
      ? itemName(
          view,
          item,
          (s) => speakerName(s, lang),
          (r) => delegationLabel(r, lang),
        )
      : null;
  const role = turn?.delegation
    ? [
        floorTurn && turn.delegation && named !== delegationLabel(turn.delegation, lang)
          ? delegationLabel(turn.delegation, lang)
          : null,
        turn.category ? tc(categoryKey(turn.category)) : null,
        turn.onBehalfOf
          ? t('turn.on-behalf', { group: delegationLabel(turn.onBehalfOf, lang) })
          : null,
      ]
        .filter(Boolean)
        .join(' · ')
    : '';

  return (
    <section
      className="turn"
      aria-labelledby="turn-title"
      data-testid="current-turn"
      data-item-id={turn?.itemId ?? ''}
      data-turn-id={turn?.id ?? ''}
    >
      <h2 id="turn-title" className="visually-hidden">
        {t('turn.title')}
      </h2>
      {turn && speaker ? (
        <>
          <div className="turn-head">
            <div className="turn-who">
              <p className="turn-name" data-testid="current-speaker">
                {speakerName(speaker, lang)}
              </p>
              <p className="turn-role" data-testid="current-role">
                {[
                  // A named floor speaker's organisation is the delegation, said once by `role`
                  // in the console's language.
                  floorTurn && turn.delegation
                    ? speakerRole(
                        {
                          ...speaker,
                          organisation: [turn.delegation.en, turn.delegation.fr].includes(
                            pick(speaker.organisation, lang) ?? '',
                          )
                            ? undefined
                            : speaker.organisation,
                        },
                        lang,
                      )
                    : speakerRole(speaker, lang),
                  role,
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </p>
              <p className="turn-topic">
                <span className="badge">{tc(`kind.${turn.kind}`)}</span>{' '}
                {item?.topic && (
                  <span title={pick(item.topic, lang)}>{pick(item.topic, lang)}</span>
                )}
              </p>
            </div>
            <div className="turn-flags">
              {turn.recallOf && <span className="badge">{t('turn.recalled')}</span>}
            </div>
          </div>
          {interruptedName && (
            <p className="turn-interrupts" data-testid="turn-interrupts">
              {t('turn.interrupts', { name: interruptedName })}
            </p>
          )}
          {view.timer && <Countdown timer={view.timer} restarts={turn?.restarts} />}
        </>
      ) : (
        <p className="turn-empty" data-testid="turn-empty">
          {view.status === 'scheduled'
            ? t('turn.not-started')
            : view.status === 'ended'
              ? t('turn.ended')
              : view.status === 'suspended'
                ? t('turn.suspended')
                : `${t('turn.nobody')} ${t('turn.press-next')}`}
        </p>
      )}
      <NextUpLine view={view} />
    </section>
  );
}

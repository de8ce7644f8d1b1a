/** How a request for the floor is described in the queue and the approvals. */
import type { Category } from '../../shared/categories.ts';
import type { RequestKind } from '../../shared/programme.ts';
import type { DelegationRef } from '../../shared/state.ts';
import type { SessionView } from '../../shared/views.ts';
import { speakerName } from '../lib/format.ts';
import {
  categoryKey,
  delegationLabel,
  type CommonKey,
  type Lang,
  type Translate,
} from '../lib/i18n.ts';
import type { MessageKey } from './messages.ts';
import { findViewItem } from './viewHelpers.ts';

export interface RequestLike {
  readonly delegation: DelegationRef;
  readonly category: Category;
  readonly kind: RequestKind;
  readonly speakerName: string | null;
  readonly onBehalfOf: DelegationRef | null;
  readonly addressedTo: string | null;
}

/** "Statement · State Party · Ms X · on behalf of the EU · to Ms Bensouda". */
export function requestDetails(
  request: RequestLike,
  view: SessionView,
  lang: Lang,
  t: Translate<MessageKey>,
  tc: Translate<CommonKey>,
): string {
  const to = request.addressedTo ? findViewItem(view, request.addressedTo)?.item : undefined;
  return [
    tc(`kind.${request.kind}`) +
      (to ? ` ${t('floor.question-to', { name: speakerName(to.speaker, lang) })}` : ''),
    tc(categoryKey(request.category)),
    request.speakerName,
    request.onBehalfOf
      ? t('turn.on-behalf', { group: delegationLabel(request.onBehalfOf, lang) })
      : null,
  ]
    .filter(Boolean)
    .join(' · ');
}

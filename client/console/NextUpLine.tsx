/** "Next: …": the next panellist, the head of the list of speakers, or the open floor. */
import type { SessionView } from '../../shared/views.ts';
import { nextUp } from '../../shared/views.ts';
import { speakerName, speakerRole } from '../lib/format.ts';
import { pick } from '../../shared/localText.ts';
import { common, delegationLabel, useLang, useT } from '../lib/i18n.ts';
import { messages } from './messages.ts';
import { itemName } from './viewHelpers.ts';

export function NextUpLine({ view }: { view: SessionView }) {
  const t = useT(messages);
  const tc = useT(common);
  const lang = useLang((s) => s.lang);
  const next = nextUp(view);
  let who: string | null = null;
  let text: string;
  if (!next) text = t('turn.next-none');
  else if (next.kind === 'resume') {
    who = next.item.id;
    text = t('turn.next-resume', {
      who: itemName(
        view,
        next.item,
        (s) => speakerName(s, lang),
        (ref) => delegationLabel(ref, lang),
      ),
    });
  } else if (next.kind === 'item') {
    who = next.item.id;
    text = t('turn.next', {
      who: [speakerName(next.item.speaker, lang), speakerRole(next.item.speaker, lang)]
        .filter(Boolean)
        .join(', '),
    });
  } else if (next.kind === 'request') {
    who = next.entry.id;
    text = t('turn.next', {
      who: `${delegationLabel(next.entry.delegation, lang)} (${tc(`kind.${next.entry.kind}`)})`,
    });
  } else {
    who = next.segment.id;
    text = t('turn.next-floor', { title: pick(next.segment.title, lang) });
  }
  return (
    <p className="next-up" data-testid="next-up" data-next={who ?? ''}>
      {text}
    </p>
  );
}

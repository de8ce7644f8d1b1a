/**
 * Tells screen readers who has the floor when that changes, and only then: a polite live region
 * whose text depends on the speaker alone, never on the countdown.
 */
import type { SessionView } from '../../shared/views.ts';
import { useLang, useT } from '../lib/i18n.ts';
import { currentTurn } from '../displays/speaker.ts';
import { liveMessages } from './messages.ts';

export function SpeakerAnnouncer({ view }: { readonly view: SessionView }) {
  const lang = useLang((s) => s.lang);
  const t = useT(liveMessages);
  const turn = currentTurn(view, lang);
  const text = turn
    ? t('now.announce', {
        name: [turn.lines.name, turn.lines.role].filter(Boolean).join(', '),
      })
    : '';
  return (
    <div
      className="visually-hidden"
      aria-live="polite"
      aria-atomic="true"
      data-testid="live-announcer"
    >
      {text}
    </div>
  );
}

/** A line telling the floor officer what its console is for, and what stays the moderator's. */
import { useT } from '../lib/i18n.ts';
import { accessMessages } from './accessMessages.ts';

export function OfficerNote() {
  const t = useT(accessMessages);
  return (
    <p className="hint" data-testid="officer-note">
      {t('officer.explain')}
    </p>
  );
}

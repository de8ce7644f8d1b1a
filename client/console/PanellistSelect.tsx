/** Picks a panellist of the programme: whom a question is for, or who answers. */
import type { ItemView } from '../../shared/views.ts';
import { speakerName } from '../lib/format.ts';
import { useLang } from '../lib/i18n.ts';

export function PanellistSelect({
  id,
  testId,
  items,
  value,
  onChange,
}: {
  id: string;
  testId: string;
  items: readonly ItemView[];
  value: string;
  onChange: (itemId: string) => void;
}) {
  const lang = useLang((s) => s.lang);
  return (
    <select
      id={id}
      data-testid={testId}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      required
    >
      <option value="" disabled />
      {items.map((i) => (
        <option key={i.id} value={i.id}>
          {speakerName(i.speaker, lang)}
        </option>
      ))}
    </select>
  );
}

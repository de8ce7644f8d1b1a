/**
 * Type-ahead over the delegations (the shipped list and the session's additions), in the
 * console's language: a combobox with its list of suggestions. Text that matches none is kept as
 * written (a free-text delegation).
 */
import { useMemo, useState } from 'react';
import type { Delegation } from '../../shared/delegations.ts';
import { categoryKey, common, deskLang, useLang, useT } from '../lib/i18n.ts';
import { searchDelegations } from './delegationSearch.ts';

export function DelegationInput({
  id,
  all,
  text,
  onChange,
  testId,
  required,
  describedBy,
}: {
  id: string;
  all: readonly Delegation[];
  text: string;
  onChange: (text: string, chosen: Delegation | null) => void;
  testId: string;
  required?: boolean;
  describedBy?: string;
}) {
  const tc = useT(common);
  const lang = deskLang(useLang((s) => s.lang));
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const matches = useMemo(() => searchDelegations(all, text, lang), [all, text, lang]);
  const listId = `${id}-list`;
  const expanded = open && matches.length > 0;

  const choose = (d: Delegation) => {
    onChange(lang === 'fr' ? d.fr : d.en, d);
    setOpen(false);
    setActive(-1);
  };

  return (
    <div className="combo">
      <input
        id={id}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && active >= 0 ? `${listId}-${active}` : undefined}
        aria-describedby={describedBy}
        autoComplete="off"
        data-testid={testId}
        required={required}
        value={text}
        onChange={(e) => {
          onChange(e.target.value, null);
          setOpen(true);
          setActive(0);
        }}
        onBlur={() => setOpen(false)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setOpen(true);
            setActive((a) => Math.min(matches.length - 1, a + 1));
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((a) => Math.max(0, a - 1));
          } else if (e.key === 'Enter' && expanded && active >= 0) {
            const d = matches[active];
            if (d) {
              e.preventDefault();
              choose(d);
            }
          } else if (e.key === 'Escape' && expanded) {
            e.preventDefault();
            setOpen(false);
          }
        }}
      />
      {expanded && (
        <ul id={listId} role="listbox" className="combo-list" data-testid={`${testId}-options`}>
          {matches.map((d, i) => (
            <li
              key={d.id}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              data-testid={`${testId}-option-${d.id}`}
              // Keeps the focus in the input, so the click lands before the list closes.
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => choose(d)}
            >
              <span>{lang === 'fr' ? d.fr : d.en}</span>
              <small>{tc(categoryKey(d.category))}</small>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

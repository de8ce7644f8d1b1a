/**
 * A delegation, typed or picked: a combobox (WAI-ARIA pattern) whose suggestions come from the
 * shipped list in the page's language. Free text stays allowed: the secretariat approves and
 * categorises delegations it does not know.
 */
import { useEffect, useId, useState } from 'react';
import type { Delegation } from '../../shared/delegations.ts';
import { categoryKey, common, useLang, useT, wantNames } from '../lib/i18n.ts';
import { delegationName, searchDelegations } from './delegationSearch.ts';

export interface DelegationValue {
  readonly text: string;
  /** The id of a delegation picked from the list; null for free text. */
  readonly id: string | null;
}

export function DelegationField({
  label,
  hint,
  value,
  onChange,
  list,
  testId,
  required,
}: {
  readonly label: string;
  readonly hint?: string;
  readonly value: DelegationValue;
  readonly onChange: (value: DelegationValue) => void;
  readonly list: readonly Delegation[];
  readonly testId: string;
  readonly required?: boolean;
}) {
  const lang = useLang((s) => s.lang);
  const names = useLang((s) => s.packs[s.lang]?.names);
  // The suggestions name the delegations in the page's language.
  useEffect(wantNames, [lang]);
  const c = useT(common);
  const id = useId();
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const matches = value.id === null ? searchDelegations(list, value.text, lang, 8, names) : [];
  const expanded = open && matches.length > 0;
  const pick = (d: Delegation) => {
    onChange({ text: delegationName(d, lang, names), id: d.id });
    setOpen(false);
  };
  return (
    <div className="field">
      <label htmlFor={`${id}-input`}>{label}</label>
      {hint ? (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <input
        id={`${id}-input`}
        type="text"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={`${id}-list`}
        aria-describedby={hint ? `${id}-hint` : undefined}
        aria-activedescendant={expanded ? `${id}-opt-${active}` : undefined}
        required={required}
        value={value.text}
        data-testid={testId}
        onChange={(e) => {
          onChange({ text: e.target.value, id: null });
          setOpen(true);
          setActive(0);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={(e) => {
          if (!expanded) return;
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setActive((a) => (a + 1) % matches.length);
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((a) => (a - 1 + matches.length) % matches.length);
          } else if (e.key === 'Enter') {
            const chosen = matches[active];
            if (chosen) {
              e.preventDefault();
              pick(chosen);
            }
          } else if (e.key === 'Escape') {
            setOpen(false);
          }
        }}
      />
      <ul id={`${id}-list`} role="listbox" className="suggestions" hidden={!expanded}>
        {matches.map((d, i) => (
          <li
            key={d.id}
            id={`${id}-opt-${i}`}
            role="option"
            aria-selected={i === active}
            data-testid={`${testId}-option-${d.id}`}
            // Chosen on pointer down, before the input's blur closes the list.
            onPointerDown={(e) => {
              e.preventDefault();
              pick(d);
            }}
          >
            <span className="suggestion-name">{delegationName(d, lang, names)}</span>
            <span className="suggestion-category">{c(categoryKey(d.category))}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * Adds a delegation the list lacks (a coalition formed for the session, an observer not
 * expected), with its names in English and French and its category, so that it is inscribed,
 * named and ranked like the listed ones. Opened from the inscribe form; Enter adds, Escape goes
 * back. The id is made from the English name.
 */
import { useId, useState } from 'react';
import { CATEGORIES, type Category } from '../../shared/categories.ts';
import type { CommandOf } from '../../shared/commands.ts';
import type { Delegation } from '../../shared/delegations.ts';
import { slug } from '../../shared/fold.ts';
import { categoryKey, common, useT } from '../lib/i18n.ts';
import { useGavel } from '../lib/store.ts';
import { act } from './act.ts';
import { EnglishFrenchFields } from './EnglishFrenchFields.tsx';
import { optional } from './formValues.ts';
import { messages } from './messages.ts';

export function DelegationAddForm({
  all,
  initialName,
  onAdded,
  onCancel,
}: {
  /** The delegations already known: the new id must be none of theirs. */
  all: readonly Delegation[];
  /** What was typed in the delegation field, as a start for the English name. */
  initialName: string;
  onAdded: (delegation: Delegation) => void;
  onCancel: () => void;
}) {
  const t = useT(messages);
  const tc = useT(common);
  const id = useId();
  const [en, setEn] = useState(initialName);
  const [fr, setFr] = useState('');
  const [category, setCategory] = useState<Category>('other');

  const submit = async () => {
    const command: {
      -readonly [K in keyof CommandOf<'delegation.add'>]: CommandOf<'delegation.add'>[K];
    } = {
      type: 'delegation.add',
      id: slug(en, new Set(all.map((d) => d.id)), 'delegation'),
      en: en.trim(),
      category,
    };
    const french = optional(fr);
    if (french) command.fr = french;
    const ack = await act(command);
    if (!ack.ok) return;
    const added = useGavel.getState().view?.delegations.find((d) => d.id === command.id);
    if (added) onAdded(added);
  };

  return (
    <form
      className="inline-form inscribe delegation-add"
      data-testid="delegation-add-form"
      aria-labelledby={`${id}-title`}
      onKeyDown={(e) => {
        if (e.key !== 'Escape' || e.defaultPrevented) return;
        e.preventDefault();
        onCancel();
      }}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h3 id={`${id}-title`}>{t('delegation.title')}</h3>
      <div className="form-row">
        <EnglishFrenchFields
          id={id}
          className="field"
          labels={{ en: t('delegation.en'), fr: t('delegation.fr') }}
          testIds={{ en: 'delegation-add-en', fr: 'delegation-add-fr' }}
          values={{ en, fr }}
          onChange={(lang, value) => (lang === 'en' ? setEn(value) : setFr(value))}
          maxLength={120}
          frenchOptional
          autoFocus
        />
      </div>
      <div className="form-actions">
        <div className="field field-kind">
          <label htmlFor={`${id}-category`}>{t('floor.category')}</label>
          <select
            id={`${id}-category`}
            data-testid="delegation-add-category"
            value={category}
            onChange={(e) => setCategory(e.target.value as Category)}
          >
            {CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {tc(categoryKey(c))}
              </option>
            ))}
          </select>
        </div>
        <button type="button" className="btn btn-small" onClick={onCancel}>
          {t('form.cancel')}
        </button>
        <button
          type="submit"
          className="btn btn-primary btn-small"
          data-testid="delegation-add-submit"
        >
          {t('delegation.submit')}
        </button>
      </div>
    </form>
  );
}

/**
 * The secretariat inscribes a delegation on the list of speakers directly (how most of a formal
 * meeting's list is made, and how a point of order from the room is recorded). One line for the
 * usual case; the speaker's name, category and group behind "more".
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { CATEGORIES, type Category } from '../../shared/categories.ts';
import type { CommandOf } from '../../shared/commands.ts';
import { DELEGATIONS, type Delegation } from '../../shared/delegations.ts';
import type { RequestKind } from '../../shared/programme.ts';
import type { SessionView } from '../../shared/views.ts';
import { categoryKey, common, useLang, useT } from '../lib/i18n.ts';
import { act } from './act.ts';
import { DelegationAddForm } from './DelegationAddForm.tsx';
import { DelegationInput } from './DelegationInput.tsx';
import { exactDelegation } from './delegationSearch.ts';
import { REQUEST_KINDS } from '../../shared/kinds.ts';
import { messages } from './messages.ts';
import { PanellistSelect } from './PanellistSelect.tsx';

type Request = { -readonly [K in keyof CommandOf<'floor.request'>]: CommandOf<'floor.request'>[K] };

export function InscribeForm({ view }: { view: SessionView }) {
  const t = useT(messages);
  const tc = useT(common);
  const id = useId();
  const all = useMemo(() => [...view.delegations, ...DELEGATIONS], [view.delegations]);
  const panellists = useMemo(
    () =>
      view.segments
        .filter((s) => s.kind === 'panel')
        .flatMap((s) => s.items)
        .filter((i) => i.kind === 'presentation'),
    [view.segments],
  );
  const [text, setText] = useState('');
  const [chosen, setChosen] = useState<Delegation | null>(null);
  const [kind, setKind] = useState<RequestKind>('statement');
  const [name, setName] = useState('');
  const [groupText, setGroupText] = useState('');
  const [group, setGroup] = useState<Delegation | null>(null);
  const [panellist, setPanellist] = useState('');
  const [category, setCategory] = useState<Category | ''>('');
  const delegationBox = useRef<HTMLDivElement>(null);
  const newButton = useRef<HTMLButtonElement>(null);
  const lang = useLang((s) => s.lang);
  // Adding a delegation takes the form's place (forms do not nest); back, the focus returns to
  // where it left: the delegation field once one was added, else the button that opened it.
  const [adding, setAdding] = useState(false);
  const focusBack = useRef<'delegation' | 'new' | null>(null);
  useEffect(() => {
    if (adding || focusBack.current === null) return;
    if (focusBack.current === 'delegation') {
      delegationBox.current?.querySelector('input')?.focus();
    } else newButton.current?.focus();
    focusBack.current = null;
  }, [adding]);
  const answer = kind === 'answer';
  const delegation = chosen ?? exactDelegation(all, text);

  const submit = () => {
    const command: Request = {
      type: 'floor.request',
      kind,
      delegation: answer ? panellist : (delegation?.id ?? text.trim()),
    };
    if (name.trim()) command.speakerName = name.trim();
    const behalf = group ?? exactDelegation(all, groupText);
    if (groupText.trim()) command.onBehalfOf = behalf?.id ?? groupText.trim();
    if (kind === 'question') command.addressedTo = panellist;
    if (!answer && category) command.category = category;
    return act(command);
  };

  if (adding) {
    return (
      <DelegationAddForm
        all={all}
        initialName={chosen ? '' : text.trim()}
        onAdded={(d) => {
          setText(lang === 'fr' ? d.fr : d.en);
          setChosen(d);
          setAdding(false);
          focusBack.current = 'delegation';
        }}
        onCancel={() => {
          setAdding(false);
          focusBack.current = 'new';
        }}
      />
    );
  }

  return (
    <form
      className="inline-form inscribe"
      data-testid="inscribe-form"
      aria-labelledby={`${id}-title`}
      onSubmit={(e) => {
        e.preventDefault();
        void submit().then((ack) => {
          if (!ack.ok) return;
          setText('');
          setChosen(null);
          setName('');
          setGroupText('');
          setGroup(null);
          setCategory('');
          delegationBox.current?.querySelector('input')?.focus();
        });
      }}
    >
      <h3 id={`${id}-title`}>{t('floor.inscribe')}</h3>
      <div className="form-row">
        {answer ? (
          <div className="field">
            <label htmlFor={`${id}-panellist`}>{t('floor.answering')}</label>
            <PanellistSelect
              id={`${id}-panellist`}
              testId="inscribe-answering"
              items={panellists}
              value={panellist}
              onChange={setPanellist}
            />
          </div>
        ) : (
          <div className="field field-delegation" ref={delegationBox}>
            <label htmlFor={`${id}-delegation`}>{t('floor.delegation')}</label>
            <DelegationInput
              id={`${id}-delegation`}
              all={all}
              text={text}
              testId="inscribe-delegation"
              required
              describedBy={`${id}-hint`}
              onChange={(value, d) => {
                setText(value);
                setChosen(d);
              }}
            />
            {/* After the field in the tab order: type a name, find it missing, Tab, Enter. */}
            <button
              ref={newButton}
              type="button"
              className="btn btn-link new-delegation"
              aria-label={t('floor.new-delegation-label')}
              data-testid="inscribe-new-delegation"
              onClick={() => setAdding(true)}
            >
              + {t('floor.new-delegation')}
            </button>
          </div>
        )}
        <div className="field field-kind">
          <label htmlFor={`${id}-kind`}>{t('form.kind')}</label>
          <select
            id={`${id}-kind`}
            data-testid="inscribe-kind"
            value={kind}
            onChange={(e) => {
              setKind(e.target.value as RequestKind);
              setPanellist(panellists[0]?.id ?? '');
            }}
          >
            {REQUEST_KINDS.map((k) => (
              <option key={k} value={k}>
                {tc(`kind.${k}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {kind === 'question' && (
        <div className="field">
          <label htmlFor={`${id}-to`}>{t('floor.addressed-to')}</label>
          <PanellistSelect
            id={`${id}-to`}
            testId="inscribe-addressed-to"
            items={panellists}
            value={panellist}
            onChange={setPanellist}
          />
        </div>
      )}
      <details className="more">
        <summary data-testid="inscribe-more">{t('floor.more')}</summary>
        <div className="form-row">
          <div className="field">
            <label htmlFor={`${id}-name`}>{t('floor.speaker-name')}</label>
            <input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} />
          </div>
          {!answer && (
            <div className="field">
              <label htmlFor={`${id}-category`}>{t('floor.category')}</label>
              <select
                id={`${id}-category`}
                data-testid="inscribe-category"
                value={category}
                onChange={(e) => setCategory(e.target.value as Category | '')}
              >
                <option value="">
                  {t('floor.category-auto')} (
                  {tc(categoryKey(delegation ? delegation.category : 'other'))})
                </option>
                {CATEGORIES.map((c) => (
                  <option key={c} value={c}>
                    {tc(categoryKey(c))}
                  </option>
                ))}
              </select>
            </div>
          )}
        </div>
        {!answer && (
          <div className="field">
            <label htmlFor={`${id}-group`}>{t('floor.on-behalf')}</label>
            <DelegationInput
              id={`${id}-group`}
              all={all}
              text={groupText}
              testId="inscribe-on-behalf"
              onChange={(value, d) => {
                setGroupText(value);
                setGroup(d);
              }}
            />
          </div>
        )}
      </details>
      <div className="form-actions">
        {!answer && (
          <p id={`${id}-hint`} className="hint">
            {t('floor.delegation-hint')}
          </p>
        )}
        <button type="submit" className="btn btn-primary btn-small" data-testid="inscribe-submit">
          {t('floor.inscribe-submit')}
        </button>
      </div>
    </form>
  );
}

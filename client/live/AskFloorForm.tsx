/**
 * "Ask for the floor": the delegation (type-ahead or free text), the speaker's name, the kind of
 * request (a statement, a question to a panellist, a right of reply, a point of order while the
 * meeting is live), on behalf of whom, and the floor code when the meeting asks for one. Loaded
 * only when a delegate opens it, so the phones that only watch never download the list of
 * delegations.
 */
import { loadRefusals, refusalText } from '../lib/refusalText.ts';
import { useMemo, useState, type FormEvent } from 'react';
import type { Command } from '../../shared/commands.ts';
import { DELEGATIONS } from '../../shared/delegations.ts';
import type { RequestKind } from '../../shared/programme.ts';
import type { ItemView, SessionView } from '../../shared/views.ts';
import { send } from '../lib/connection.ts';
import { speakerName } from '../lib/format.ts';
import { common, useLang, useT } from '../lib/i18n.ts';
import { DelegationField, type DelegationValue } from './DelegationField.tsx';
import { becomeDelegate } from './liveConnection.ts';
import { floorMessages } from './floorMessages.ts';

/** An answer is the secretariat's to inscribe, for the panellist who answers. */
type AskKind = Exclude<RequestKind, 'answer'>;
const EMPTY: DelegationValue = { text: '', id: null };

/** Who a question can be put to: the panel's presenters (else every panel speaker), once each. */
function panellists(view: SessionView, lang: string): ItemView[] {
  const panel = view.segments.filter((s) => s.kind === 'panel').flatMap((s) => s.items);
  const presenters = panel.filter((i) => i.kind === 'presentation');
  const seen = new Set<string>();
  return (presenters.length > 0 ? presenters : panel).filter((i) => {
    const name = speakerName(i.speaker, lang);
    if (seen.has(name)) return false;
    seen.add(name);
    return true;
  });
}

export function AskFloorForm({
  view,
  onClose,
}: {
  readonly view: SessionView;
  readonly onClose: () => void;
}) {
  const t = useT(floorMessages);
  const c = useT(common);
  const lang = useLang((s) => s.lang);
  const closed = view.floor.status === 'closed';
  // As the rules of procedure have it: a point of order at any moment of a live meeting, even
  // once the list is closed to all but rights of reply.
  const kinds: readonly AskKind[] = [
    ...(closed ? [] : (['statement', 'question'] as const)),
    'reply',
    ...(view.status === 'live' ? (['point-of-order'] as const) : []),
  ];
  // The session's own delegations replace shipped ones of the same id.
  const list = useMemo(() => {
    const own = new Set(view.delegations.map((d) => d.id));
    return [...DELEGATIONS.filter((d) => !own.has(d.id)), ...view.delegations];
  }, [view.delegations]);
  const people = useMemo(() => panellists(view, lang), [view, lang]);
  const [delegation, setDelegation] = useState<DelegationValue>(EMPTY);
  const [onBehalf, setOnBehalf] = useState<DelegationValue>(EMPTY);
  const [speaker, setSpeaker] = useState('');
  const [kind, setKind] = useState<AskKind>(kinds[0] ?? 'statement');
  const [addressedTo, setAddressedTo] = useState('');
  const [floorCode, setFloorCode] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (delegation.text.trim() === '') return setError(t('error.delegation'));
    if (kind === 'question' && addressedTo === '') return setError(t('error.panellist'));
    if (view.floor.floorCodeRequired && floorCode.trim() === '')
      return setError(t('error.code-missing'));
    const command: Command = {
      type: 'floor.request',
      delegation: delegation.id ?? delegation.text.trim(),
      kind,
      ...(speaker.trim() ? { speakerName: speaker.trim() } : {}),
      ...(onBehalf.text.trim() ? { onBehalfOf: onBehalf.id ?? onBehalf.text.trim() } : {}),
      ...(kind === 'question' ? { addressedTo } : {}),
      ...(view.floor.floorCodeRequired ? { floorCode: floorCode.trim() } : {}),
    };
    setError(null);
    setSending(true);
    becomeDelegate(view.id);
    const ack = await send(command);
    setSending(false);
    if (ack.ok) {
      onClose();
      return;
    }
    const { code, retryAfterMs } = ack.error;
    if (code === 'rate-limited') {
      setError(t('error.rate-limited', { s: Math.ceil((retryAfterMs ?? 10_000) / 1000) }));
    } else if (code === 'forbidden' && view.floor.floorCodeRequired) {
      setError(t('error.floor-code'));
    } else {
      // The refusals' words load with the first one; the server's English stands in if they fail.
      await loadRefusals(lang).catch(() => {});
      setError(t('error.refused', { message: refusalText(ack.error, lang) }));
    }
  };

  return (
    <form
      className="ask-form"
      onSubmit={(e) => void submit(e)}
      data-testid="live-ask-form"
      noValidate
    >
      <DelegationField
        label={t('ask.delegation')}
        hint={t('ask.delegation-hint')}
        value={delegation}
        onChange={setDelegation}
        list={list}
        testId="ask-delegation"
        required
      />
      <div className="field">
        <label htmlFor="ask-speaker">{t('ask.speaker')}</label>
        <input
          id="ask-speaker"
          type="text"
          autoComplete="name"
          maxLength={120}
          value={speaker}
          data-testid="ask-speaker"
          onChange={(e) => setSpeaker(e.target.value)}
        />
      </div>
      <fieldset className="field ask-kinds">
        <legend>{t('ask.kind')}</legend>
        {kinds.map((k) => (
          <label key={k} className="ask-kind">
            <input
              type="radio"
              name="ask-kind"
              value={k}
              checked={kind === k}
              data-testid={`ask-kind-${k}`}
              aria-describedby={k === 'point-of-order' && kind === k ? 'ask-kind-hint' : undefined}
              onChange={() => setKind(k)}
            />
            {c(`kind.${k}`)}
          </label>
        ))}
      </fieldset>
      {kind === 'point-of-order' ? (
        <p className="field-hint" id="ask-kind-hint" data-testid="ask-point-of-order-hint">
          {t('ask.point-of-order-hint')}
        </p>
      ) : null}
      {kind === 'question' ? (
        <div className="field">
          <label htmlFor="ask-panellist">{t('ask.question-to')}</label>
          <select
            id="ask-panellist"
            value={addressedTo}
            data-testid="ask-panellist"
            onChange={(e) => setAddressedTo(e.target.value)}
          >
            <option value="">{t('ask.choose-panellist')}</option>
            {people.map((item) => (
              <option key={item.id} value={item.id}>
                {speakerName(item.speaker, lang)}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <DelegationField
        label={t('ask.on-behalf')}
        value={onBehalf}
        onChange={setOnBehalf}
        list={list}
        testId="ask-on-behalf"
      />
      {view.floor.floorCodeRequired ? (
        <div className="field">
          <label htmlFor="ask-code">{t('ask.code')}</label>
          <input
            id="ask-code"
            type="text"
            autoCapitalize="characters"
            autoComplete="off"
            spellCheck={false}
            maxLength={12}
            value={floorCode}
            data-testid="ask-code"
            onChange={(e) => setFloorCode(e.target.value)}
          />
        </div>
      ) : null}
      {error ? (
        <p className="ask-error" role="alert" data-testid="ask-error">
          {error}
        </p>
      ) : null}
      <div className="ask-actions">
        <button type="submit" className="button-primary" disabled={sending} data-testid="ask-send">
          {sending ? t('ask.sending') : t('ask.send')}
        </button>
        <button type="button" className="button-secondary" onClick={onClose}>
          {t('ask.cancel')}
        </button>
      </div>
    </form>
  );
}

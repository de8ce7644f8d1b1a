/**
 * Adds a speaker to a panel segment, or edits one: who, on what, for how long, and in which
 * segment (an edit may move the speaker to the end of another panel). Enter saves; Escape cancels.
 */
import { useId, useState } from 'react';
import type { ItemChanges, ItemInput } from '../../shared/commands.ts';
import { formatDurationForFile } from '../../shared/duration.ts';
import { fail } from '../../shared/errors.ts';
import type { ItemKind, Speaker } from '../../shared/programme.ts';
import { ITEM_KINDS } from '../../shared/kinds.ts';
import type { ItemView, SegmentView } from '../../shared/views.ts';
import { pick, type LocalText } from '../../shared/localText.ts';
import { common, useLang, useT } from '../lib/i18n.ts';
import { act, showRefusal } from './act.ts';
import { durationInput, editedText, optional } from './formValues.ts';
import { messages } from './messages.ts';

export function ItemForm({
  segmentId,
  item,
  segments = [],
  onDone,
}: {
  segmentId: string;
  /** Null to add a new item at the end of the segment. */
  item: ItemView | null;
  /** The panel segments an edited item may move to; none when adding. */
  segments?: readonly SegmentView[];
  onDone: (movedTo?: string) => void;
}) {
  const t = useT(messages);
  const tc = useT(common);
  const lang = useLang((s) => s.lang);
  const id = useId();
  // A text in several languages is edited in the console's language; the others are kept.
  const shown = (text: LocalText | undefined) => pick(text, lang) ?? '';
  const initialMinutes = item ? String(formatDurationForFile(item.allottedMs)) : '';
  const [honorific, setHonorific] = useState(shown(item?.speaker.honorific));
  const [name, setName] = useState(item?.speaker.name ?? '');
  const [fn, setFn] = useState(shown(item?.speaker.function));
  const [organisation, setOrganisation] = useState(shown(item?.speaker.organisation));
  const [topic, setTopic] = useState(shown(item?.topic));
  const initialKind: ItemKind =
    item && item.kind !== 'point-of-order' ? item.kind : item ? 'statement' : 'presentation';
  const [kind, setKind] = useState<ItemKind>(initialKind);
  const [length, setLength] = useState(initialMinutes);
  const [target, setTarget] = useState(segmentId);
  const testId = item ? `item-form-${item.id}` : `item-form-new-${segmentId}`;

  const speaker = (): Speaker => {
    const s: { -readonly [K in keyof Speaker]: Speaker[K] } = { name: name.trim() };
    const h = editedText(item?.speaker.honorific, honorific, lang);
    const f = editedText(item?.speaker.function, fn, lang);
    const o = editedText(item?.speaker.organisation, organisation, lang);
    if (h) s.honorific = h;
    if (f) s.function = f;
    if (o) s.organisation = o;
    // The delegation is not edited here; an edit keeps it.
    if (item?.speaker.delegation) s.delegation = item.speaker.delegation;
    return s;
  };

  const submit = async () => {
    if (!item) {
      const input: { -readonly [K in keyof ItemInput]: ItemInput[K] } = {
        kind,
        speaker: speaker(),
        minutes: durationInput(length),
      };
      const tp = optional(topic);
      if (tp) input.topic = tp;
      return act({ type: 'item.add', segmentId, item: input });
    }
    const changes: { -readonly [K in keyof ItemChanges]: ItemChanges[K] } = {};
    const s = speaker();
    const before = item.speaker;
    if (
      s.name !== before.name ||
      honorific.trim() !== shown(before.honorific) ||
      fn.trim() !== shown(before.function) ||
      organisation.trim() !== shown(before.organisation)
    ) {
      changes.speaker = s;
    }
    if (topic.trim() !== shown(item.topic))
      changes.topic = editedText(item.topic, topic, lang) ?? null;
    if (kind !== initialKind) changes.kind = kind;
    if (length.trim() !== initialMinutes) changes.minutes = durationInput(length);
    const moving = target !== segmentId;
    const changing = Object.keys(changes).length > 0;
    if (!changing && !moving) {
      showRefusal('item.update', fail('invalid', t('form.nothing-changed')));
      return { ok: false } as const;
    }
    if (changing) {
      const ack = await act({ type: 'item.update', itemId: item.id, changes });
      if (!ack.ok || !moving) return ack;
    }
    // To the end of the other segment: the arrows place it from there.
    const toIndex = segments.find((s) => s.id === target)?.items.length ?? 0;
    return act({ type: 'item.move', itemId: item.id, segmentId: target, toIndex });
  };

  return (
    <form
      className="inline-form item-form"
      data-testid={testId}
      onKeyDown={(e) => {
        if (e.key !== 'Escape' || e.defaultPrevented) return;
        e.preventDefault();
        onDone();
      }}
      onSubmit={(e) => {
        e.preventDefault();
        void submit().then((ack) => ack.ok && onDone(target === segmentId ? undefined : target));
      }}
    >
      <div className="form-row">
        <div className="field field-narrow">
          <label htmlFor={`${id}-honorific`}>{t('form.honorific')}</label>
          <input
            id={`${id}-honorific`}
            value={honorific}
            onChange={(e) => setHonorific(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-name`}>{t('form.name')}</label>
          <input
            id={`${id}-name`}
            data-testid="item-form-name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
            autoFocus
          />
        </div>
      </div>
      <label htmlFor={`${id}-function`}>{t('form.function')}</label>
      <input id={`${id}-function`} value={fn} onChange={(e) => setFn(e.target.value)} />
      <label htmlFor={`${id}-organisation`}>{t('form.organisation')}</label>
      <input
        id={`${id}-organisation`}
        value={organisation}
        onChange={(e) => setOrganisation(e.target.value)}
      />
      <label htmlFor={`${id}-topic`}>{t('form.topic')}</label>
      <input id={`${id}-topic`} value={topic} onChange={(e) => setTopic(e.target.value)} />
      <div className="form-row">
        <div className="field">
          <label htmlFor={`${id}-kind`}>{t('form.kind')}</label>
          <select
            id={`${id}-kind`}
            value={kind}
            onChange={(e) => setKind(e.target.value as ItemKind)}
          >
            {ITEM_KINDS.map((k) => (
              <option key={k} value={k}>
                {tc(`kind.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field field-narrow">
          <label htmlFor={`${id}-minutes`}>{t('form.minutes')}</label>
          <input
            id={`${id}-minutes`}
            data-testid="item-form-minutes"
            inputMode="decimal"
            value={length}
            onChange={(e) => setLength(e.target.value)}
            required
          />
        </div>
      </div>
      {item && segments.length > 1 && (
        <div className="field">
          <label htmlFor={`${id}-segment`}>{t('form.segment')}</label>
          <select
            id={`${id}-segment`}
            data-testid="item-form-segment"
            value={target}
            onChange={(e) => setTarget(e.target.value)}
          >
            {segments.map((s) => (
              <option key={s.id} value={s.id}>
                {pick(s.title, lang)}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="form-actions">
        <button type="button" className="btn btn-small" onClick={() => onDone()}>
          {t('form.cancel')}
        </button>
        <button type="submit" className="btn btn-small btn-primary" data-testid="item-form-save">
          {item ? t('form.save') : t('form.add')}
        </button>
      </div>
    </form>
  );
}

/**
 * One text in English and in French, as two labelled fields side by side: a delegation's names,
 * a message preset. Each label points at its input, and each input carries its language, so that
 * spelling and screen readers follow what is typed there. The parent keeps the values and lays
 * the fields out through `className`.
 */
import type { DeskLang } from '../lib/i18n.ts';

type Pair<T> = Readonly<Record<DeskLang, T>>;

export function EnglishFrenchFields({
  id,
  className,
  labels,
  testIds,
  values,
  onChange,
  maxLength,
  frenchOptional = false,
  autoFocus = false,
  focusName,
}: {
  /** The inputs' ids are `${id}-en` and `${id}-fr`. */
  readonly id: string;
  /** Each field's wrapper: its label above its input. */
  readonly className: string;
  readonly labels: Pair<string>;
  readonly testIds: Pair<string>;
  readonly values: Pair<string>;
  readonly onChange: (lang: DeskLang, value: string) => void;
  readonly maxLength: number;
  /** The French may be left empty: the English then serves for both. */
  readonly frenchOptional?: boolean;
  /** The English field takes the focus when the form opens. */
  readonly autoFocus?: boolean;
  /** The English field's `data-focus`, for a parent that moves the focus itself. */
  readonly focusName?: string;
}) {
  return (['en', 'fr'] as const).map((lang) => (
    <div key={lang} className={className}>
      <label htmlFor={`${id}-${lang}`}>{labels[lang]}</label>
      <input
        id={`${id}-${lang}`}
        lang={lang}
        data-testid={testIds[lang]}
        data-focus={lang === 'en' ? focusName : undefined}
        value={values[lang]}
        maxLength={maxLength}
        autoComplete="off"
        autoFocus={lang === 'en' && autoFocus}
        required={lang === 'en' || !frenchOptional}
        onChange={(e) => onChange(lang, e.target.value)}
      />
    </div>
  ));
}

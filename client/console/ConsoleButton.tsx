/**
 * A console button. When the state does not allow its command it stays focusable but greyed
 * (`aria-disabled`), its tooltip gives the reason, and pressing it shows that reason instead of
 * doing nothing.
 */
import type { ReactNode } from 'react';
import type { CommandType } from '../../shared/commands.ts';
import type { GavelError } from '../../shared/errors.ts';
import { useLang } from '../lib/i18n.ts';
import { refusalText } from '../lib/refusalText.ts';
import { useGavel } from '../lib/store.ts';
import { mayCommand } from '../../shared/roles.ts';
import { showRefusal } from './act.ts';

export interface ConsoleButtonProps {
  readonly children: ReactNode;
  readonly commandType: CommandType;
  readonly refusal: GavelError | null;
  readonly onPress: () => void;
  readonly testId: string;
  readonly hint?: string;
  readonly ariaKeys?: string;
  readonly ariaLabel?: string;
  /** The tooltip when allowed (the shortcut, a name). */
  readonly title?: string;
  readonly variant?: 'primary' | 'big' | 'normal' | 'danger' | 'small';
  readonly pressed?: boolean;
}

export function ConsoleButton({
  children,
  commandType,
  refusal,
  onPress,
  testId,
  hint,
  ariaKeys,
  ariaLabel,
  title,
  variant = 'normal',
  pressed,
}: ConsoleButtonProps) {
  const lang = useLang((s) => s.lang);
  const role = useGavel((s) => s.view?.role);
  // A role sees only what it may do: no button for a command it may never send.
  if (role !== undefined && !mayCommand(role, commandType)) return null;
  return (
    <button
      type="button"
      className={`btn btn-${variant}`}
      data-testid={testId}
      aria-disabled={refusal ? true : undefined}
      aria-keyshortcuts={ariaKeys}
      aria-label={ariaLabel}
      aria-pressed={pressed}
      title={refusal ? refusalText(refusal, lang) : title}
      onClick={() => (refusal ? showRefusal(commandType, refusal) : onPress())}
    >
      <span className="btn-label">{children}</span>
      {hint && (
        <kbd className="btn-kbd" aria-hidden="true">
          {hint}
        </kbd>
      )}
    </button>
  );
}

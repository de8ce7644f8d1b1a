/**
 * One-key control on the whole page: Space, N or →, + or ], − or [, F, U. Never while typing in a
 * form control, never with Ctrl/Alt/Meta (the browser's and the queue rows' keys), never while a
 * confirmation is open, and a held key acts once (holding N must not run through the speakers).
 */
import { useEffect } from 'react';
import { useGavel } from '../lib/store.ts';
import { act } from './act.ts';
import { actionForKey, commandFor } from './actions.ts';
import { hasCommandModifier, isTypingTarget } from './keyboard.ts';
import { useConsoleUi } from './uiStore.ts';

function ours(event: KeyboardEvent): boolean {
  return (
    !event.defaultPrevented &&
    !hasCommandModifier(event) &&
    !isTypingTarget(event.target) &&
    useConsoleUi.getState().confirm === null
  );
}

export function useShortcuts(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!ours(event)) return;
      const action = actionForKey(event.key);
      if (!action) return;
      // Space on a focused button would also click it, and scroll the page elsewhere.
      event.preventDefault();
      if (event.repeat) return;
      const view = useGavel.getState().view;
      if (view) void act(commandFor(action, view));
    };
    const onKeyUp = (event: KeyboardEvent) => {
      // Browsers click a focused button when Space comes up: the shortcut already acted.
      if (event.key === ' ' && ours(event)) event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    window.addEventListener('keyup', onKeyUp);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      window.removeEventListener('keyup', onKeyUp);
    };
  }, []);
}

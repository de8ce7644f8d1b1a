/**
 * What only this console's screen holds: the destructive act waiting for its one confirmation.
 * Kept apart from the session store, which mirrors the server.
 */
import { create } from 'zustand';
import type { Command } from '../../shared/commands.ts';

export interface ConfirmRequest {
  /** The question, already in the console's language. */
  readonly question: string;
  readonly command: Command;
}

export const useConsoleUi = create<{ readonly confirm: ConfirmRequest | null }>()(() => ({
  confirm: null,
}));

/** Asks once before a destructive command (ending, skipping, removing). */
export function askConfirm(request: ConfirmRequest): void {
  useConsoleUi.setState({ confirm: request });
}

export function closeConfirm(): void {
  useConsoleUi.setState({ confirm: null });
}

/** Renders the page once its language's words are there (they load as a chunk of their own). */
import type { ReactNode } from 'react';
import { useLangReady } from './i18n.ts';

export function LangGate({ children }: { readonly children: ReactNode }) {
  return useLangReady() ? children : null;
}

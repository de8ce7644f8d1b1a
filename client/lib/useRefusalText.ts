/**
 * A refusal in the page's language, for pages that keep the words of every refusal out of their
 * first load (the live page's budget): they load when a refusal is first shown, and until then
 * the server's English sentence stands in.
 */
import { useEffect } from 'react';
import type { GavelError } from '../../shared/errors.ts';
import { sentence, useLang } from './i18n.ts';

export function useRefusalText(error: GavelError | null): string | null {
  const lang = useLang((s) => s.lang);
  const refusals = useLang((s) => s.packs[lang]?.refusals);
  useEffect(() => {
    if (!error || lang === 'en') return;
    // The words could not load (the network dropped): the English sentence stays.
    import('./refusalText.ts').then(({ loadRefusals }) => loadRefusals(lang)).catch(() => {});
  }, [error, lang]);
  if (!error) return null;
  const message = error.key === undefined ? undefined : refusals?.[error.key];
  return sentence(message, error.params) ?? error.message;
}

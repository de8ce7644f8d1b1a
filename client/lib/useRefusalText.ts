/**
 * A refusal in the page's language, for pages that keep the words of every refusal out of their
 * first load (the live page's budget): they load when a refusal is first shown, and until then
 * the server's English sentence stands in.
 */
import { useEffect, useState } from 'react';
import type { GavelError } from '../../shared/errors.ts';
import { useLang } from './i18n.ts';

export function useRefusalText(error: GavelError | null): string | null {
  const lang = useLang((s) => s.lang);
  const [worded, setWorded] = useState<{ error: GavelError; text: string } | null>(null);
  useEffect(() => {
    if (!error || lang === 'en' || error.key === undefined) return;
    let current = true;
    void import('./refusalText.ts').then(
      ({ refusalText }) => {
        if (current) setWorded({ error, text: refusalText(error, lang) });
      },
      // The words could not load (the network dropped): the English sentence stays.
      () => {},
    );
    return () => {
      current = false;
    };
  }, [error, lang]);
  if (!error) return null;
  return worded?.error === error && lang !== 'en' ? worded.text : error.message;
}

/**
 * A refusal in the page's language. The server words every refusal in English
 * (`shared/refusals.ts`), which scripts read; the other languages' sentences are catalogues
 * (`client/i18n/refusals/<lang>.json`), loaded the first time a page needs one (the live page
 * keeps them out of its first load). French has every refusal; the other languages have those a
 * phone or a display can meet (`PUBLIC_REFUSALS`). A refusal without a sentence in the page's
 * language keeps the server's English.
 */
import type { GavelError } from '../../shared/errors.ts';
import { REFUSALS } from '../i18n/laterCatalogues.ts';
import { addPart, sentence, useLang, type Lang } from './i18n.ts';

/** Loads the refusals' sentences in the page's language, unless the page carries them. */
export async function loadRefusals(lang: Lang): Promise<void> {
  if (useLang.getState().packs[lang]?.refusals) return;
  await addPart('refusals', REFUSALS);
}

/** The refusal's sentence in `lang`, once loaded (`loadRefusals`); else the server's English. */
export function refusalText(error: GavelError, lang: Lang): string {
  if (lang === 'en' || error.key === undefined) return error.message;
  return (
    sentence(useLang.getState().packs[lang]?.refusals?.[error.key], error.params) ?? error.message
  );
}

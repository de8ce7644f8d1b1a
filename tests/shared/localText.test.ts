/**
 * The console's edit of a text in several languages: the moderator sees the console's language
 * and changes only that language's text.
 */
import { describe, expect, it } from 'vitest';
import { editedText } from '../../client/console/formValues.ts';
import type { LocalText } from '../../shared/localText.ts';

const PROSECUTOR = { en: 'Prosecutor', fr: 'Procureure' };

describe('editing a text in the console', () => {
  it.each<[string, LocalText | undefined, string, string, LocalText | undefined]>([
    ['replaces a plain text', 'Registrar', 'Deputy Registrar', 'fr', 'Deputy Registrar'],
    ['clears a plain text', 'Registrar', '  ', 'en', undefined],
    ['sets a new text', undefined, ' Greffier ', 'fr', 'Greffier'],
    [
      'changes the console’s language only',
      PROSECUTOR,
      'Procureure adjointe',
      'fr',
      { en: 'Prosecutor', fr: 'Procureure adjointe' },
    ],
    [
      'changes the first language it showed when the text lacks the console’s',
      { fr: 'Greffier' },
      'Greffier adjoint',
      'en',
      { fr: 'Greffier adjoint' },
    ],
    ['removes only that language when cleared', PROSECUTOR, '', 'fr', { en: 'Prosecutor' }],
    ['removes the text once no language is left', { fr: 'Greffier' }, '', 'fr', undefined],
  ])('%s', (_, before, typed, lang, after) => {
    expect(editedText(before, typed, lang)).toEqual(after);
  });
});

/**
 * A spreadsheet's bytes become text at the server's edge: UTF-8 (its byte-order mark dropped)
 * when they are valid UTF-8, else Windows-1252 with its own characters for 0x80–0x9F, whatever
 * Node's one-call shortcut for that encoding does.
 */
import { describe, expect, it } from 'vitest';
import { spreadsheetText } from '../../server/spreadsheetText.ts';

const bytes = (...values: number[]) => Uint8Array.from(values);
const utf8 = (text: string) => new TextEncoder().encode(text);

describe('spreadsheetText', () => {
  it.each([
    ['UTF-8', utf8('Côte d’Ivoire;2,5'), 'Côte d’Ivoire;2,5', 'utf-8'],
    ['UTF-8 with a byte-order mark', bytes(0xef, 0xbb, 0xbf, ...utf8('État')), 'État', 'utf-8'],
    ['plain ASCII', utf8('segment,kind'), 'segment,kind', 'utf-8'],
    ['nothing', bytes(), '', 'utf-8'],
    ['Windows-1252 accents', bytes(0xc9, 0x74, 0x61, 0x74), 'État', 'windows-1252'],
    [
      "Windows-1252's own 0x80–0x9F",
      bytes(0x64, 0x92, 0x80, 0x93, 0x94, 0x85, 0x9f, 0x8c),
      'd’€“”…ŸŒ',
      'windows-1252',
    ],
    ['its five undefined bytes, as C1 controls', bytes(0x81, 0x8d), '\u0081\u008d', 'windows-1252'],
    [
      'a byte-order mark before bytes that are not UTF-8',
      bytes(0xef, 0xbb, 0xbf, 0xe9),
      'ï»¿é',
      'windows-1252',
    ],
    ['a UTF-8 sequence cut short', bytes(0x61, 0xe2, 0x80), 'aâ€', 'windows-1252'],
    ['an encoded surrogate', bytes(0xed, 0xa0, 0x80), 'í\u00a0€', 'windows-1252'],
  ])('reads %s', (_name, input, text, encoding) => {
    expect(spreadsheetText(input)).toEqual({ text, encoding });
  });

  it('reads one file after another alike (the decoders keep nothing between files)', () => {
    const first = spreadsheetText(bytes(0x92, 0x80));
    expect(spreadsheetText(bytes(0xe9))).toEqual({ text: 'é', encoding: 'windows-1252' });
    expect(spreadsheetText(bytes(0x92, 0x80))).toEqual(first);
  });
});

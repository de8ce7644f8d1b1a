/**
 * A spreadsheet's bytes as text, decoded where they arrive (an upload, a file on disk) so that
 * `shared/` only ever sees text. Excel saves "CSV UTF-8" with a byte-order mark, and plain "CSV"
 * in Western European locales as Windows-1252; the two are told apart by whether the bytes are
 * valid UTF-8, which Windows-1252 text with any accent in it practically never is.
 */

/** Throws on bytes that are not UTF-8; drops a leading byte-order mark. */
const utf8 = new TextDecoder('utf-8', { fatal: true });
/** Every byte is a character (the five Windows-1252 leaves undefined are C1 controls). */
const windows1252 = new TextDecoder('windows-1252');

/**
 * Windows-1252 as the Encoding Standard has it. Since 20.18.3 Node's `decode` in one call takes a
 * Latin-1 shortcut that reads 0x80–0x9F as C1 controls (’ as U+0092, € as U+0080: nodejs/node
 * #56542, #60888); decoding as a stream goes through ICU, which maps them right.
 */
function decodeWindows1252(bytes: Uint8Array): string {
  return windows1252.decode(bytes, { stream: true }) + windows1252.decode();
}

export type SpreadsheetEncoding = 'utf-8' | 'windows-1252';

/** The text of a spreadsheet's bytes: UTF-8 when they are valid UTF-8, else Windows-1252. */
export function spreadsheetText(bytes: Uint8Array): {
  readonly text: string;
  readonly encoding: SpreadsheetEncoding;
} {
  try {
    return { text: utf8.decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
  }
}

/**
 * CSV cells as Gavel writes them, for every CSV it writes: RFC 4180 quoting, and a guard against
 * spreadsheet formula injection. A text cell that a spreadsheet would read as a formula (it
 * begins with `=`, `+`, `-`, `@`, a tab or a carriage return: OWASP's list) is written with a
 * single quote in front, so that `=HYPERLINK(…)` typed on a phone stays text in Excel. Whether a
 * cell is text or a number is decided by the value's type, never by its text: the number -5 is
 * written `-5`, the text "-5" `'-5`. Pure.
 */

/** One cell's value: text, a number, or nothing (an empty cell). */
export type CsvValue = string | number | null | undefined;

/** The delimiters Gavel writes: comma, or semicolon for a French Excel. */
export type CsvDelimiter = ',' | ';';

/**
 * A text a spreadsheet would run as a formula, behind any number of single quotes. Texts that
 * already begin with quotes are guarded too, so that reading back strips exactly the one quote
 * the writer added: "'=x" is written "''=x" and read back as "'=x".
 */
const FORMULA = /^'*[=+\-@\t\r]/;
/** A cell as the writer guards it: one quote more than the text had. */
const GUARDED = /^'+[=+\-@\t\r]/;

/**
 * One cell: nothing is an empty cell, a number is written as it is, a text is guarded when a
 * spreadsheet would read it as a formula, then quoted when it holds a double quote, the
 * delimiter or a line break (double quotes inside are doubled). Pure.
 */
export function csvCell(value: CsvValue, delimiter: CsvDelimiter): string {
  if (value === null || value === undefined) return '';
  const text =
    typeof value === 'number' ? String(value) : FORMULA.test(value) ? `'${value}` : value;
  return text.includes('"') || text.includes(delimiter) || /[\r\n]/.test(text)
    ? `"${text.replace(/"/g, '""')}"`
    : text;
}

/** One row: its cells joined by the delimiter, without a line ending. Pure. */
export function csvRow(values: readonly CsvValue[], delimiter: CsvDelimiter): string {
  return values.map((v) => csvCell(v, delimiter)).join(delimiter);
}

/** A whole table: one row per line, each ended by CRLF (as RFC 4180 and Excel write). Pure. */
export function csvTable(rows: readonly (readonly CsvValue[])[], delimiter: CsvDelimiter): string {
  return rows.map((row) => `${csvRow(row, delimiter)}\r\n`).join('');
}

/**
 * A cell's text as it was before `csvCell` guarded it: one leading single quote less when quotes
 * precede a formula character; any other cell as it is. Takes a cell already unquoted. Pure.
 */
export function unguardCsvCell(cell: string): string {
  return GUARDED.test(cell) ? cell.slice(1) : cell;
}

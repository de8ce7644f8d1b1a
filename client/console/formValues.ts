/** Form text to command values. */

/**
 * A duration as typed: "12" or "2.5" become minutes as a number, "2:30" stays text; the server's
 * schema checks either and names what is wrong.
 */
export function durationInput(text: string): number | string {
  const trimmed = text.trim().replace(',', '.');
  return /^\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : trimmed;
}

/** An optional text field: left out when blank (the schema refuses empty strings). */
export function optional(text: string): string | undefined {
  const trimmed = text.trim();
  return trimmed === '' ? undefined : trimmed;
}

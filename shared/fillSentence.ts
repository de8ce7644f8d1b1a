/**
 * The one placeholder filler: every sentence with `{name}` in it, a refusal's or a page's, is
 * filled here.
 */

/**
 * Fills each `{name}` with `params[name]`; a placeholder without its value stays as it is, so a
 * missing value shows rather than vanishes. Pure.
 */
export function fillSentence(
  text: string,
  params: Readonly<Record<string, string | number>> = {},
): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

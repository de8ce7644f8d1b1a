/** Which key presses belong to the console's shortcuts. */

/**
 * True while the person is typing or choosing in a form control: there a letter is a letter,
 * not a command. Every input counts, checkboxes too (Space ticks them).
 */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** Shortcuts are single keys: with Ctrl, Alt or Meta a press belongs to the browser or a row. */
export function hasCommandModifier(event: KeyboardEvent): boolean {
  return event.ctrlKey || event.altKey || event.metaKey;
}

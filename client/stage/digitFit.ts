/**
 * Sizing the countdown so its digits are as tall as the box allows without overflowing its width.
 * CSS can size text by the em box only; the digits' ink is about 70 % of it, and their width
 * depends on the font the machine has. So the figure is measured with the font's own metrics (a
 * canvas measures ink, not boxes) and the line box set to the ink's height, shifted so the ink sits
 * in the middle. The measure uses the figure's pattern (`00:00`), so the size changes only when
 * the figure gains or loses a character, not every second.
 */

/** The fonts of the digits, narrowest common sans first (a wide font makes smaller digits). */
export const DIGIT_FONT =
  "'Segoe UI', 'Helvetica Neue', Helvetica, Arial, 'Liberation Sans', Roboto, system-ui, sans-serif";
export const DIGIT_WEIGHT = 700;

export interface DigitMetrics {
  /** Width of the pattern at 100 px, tabular. */
  readonly width: number;
  /** Ink above the baseline of a digit at 100 px. */
  readonly inkAscent: number;
  /** The font's ascent and descent at 100 px: where the line box puts the baseline. */
  readonly fontAscent: number;
  readonly fontDescent: number;
}

export interface DigitFit {
  readonly fontSize: number;
  readonly lineHeight: number;
  readonly shift: number;
}

let canvas: HTMLCanvasElement | null = null;
const cache = new Map<string, DigitMetrics>();

/** Measures a pattern (digits as `0`) in the digit font. */
export function measureDigits(pattern: string): DigitMetrics {
  const known = cache.get(pattern);
  if (known) return known;
  canvas ??= document.createElement('canvas');
  const ctx = canvas.getContext('2d');
  if (!ctx) return { width: pattern.length * 58, inkAscent: 72, fontAscent: 91, fontDescent: 21 };
  ctx.font = `${DIGIT_WEIGHT} 100px ${DIGIT_FONT}`;
  // Tabular digits take the widest digit's width; measure it rather than trust `0`.
  let digit = 0;
  for (const d of '0123456789') digit = Math.max(digit, ctx.measureText(d).width);
  let width = 0;
  for (const ch of pattern) width += /\d/.test(ch) ? digit : ctx.measureText(ch).width;
  const ink = ctx.measureText('0123456789');
  const metrics: DigitMetrics = {
    width,
    inkAscent: ink.actualBoundingBoxAscent || 72,
    fontAscent: ink.fontBoundingBoxAscent || 91,
    fontDescent: ink.fontBoundingBoxDescent || 21,
  };
  cache.set(pattern, metrics);
  return metrics;
}

/**
 * The font size, line height and vertical shift that fit the figure's ink in a box, filling
 * `fill` of its height or of its width, whichever binds first. Pure.
 */
export function fitDigits(
  m: DigitMetrics,
  box: { readonly width: number; readonly height: number },
  fill = { height: 0.94, width: 0.96 },
): DigitFit {
  const byHeight = (box.height * fill.height) / (m.inkAscent / 100);
  const byWidth = (box.width * fill.width) / (m.width / 100);
  const fontSize = Math.max(8, Math.floor(Math.min(byHeight, byWidth)));
  const k = fontSize / 100;
  return {
    fontSize,
    lineHeight: m.inkAscent * k,
    shift: (k * (m.inkAscent - m.fontAscent + m.fontDescent)) / 2,
  };
}

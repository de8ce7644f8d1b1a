/**
 * A QR code drawn as SVG on the page itself: the `qrcode` package only computes the modules, so
 * nothing is fetched and the code stays sharp at any screen size. Always dark on light with its
 * quiet zone, whatever the theme, because phone cameras read that best.
 */
import { useMemo } from 'react';
import { create } from 'qrcode';

const QUIET_ZONE = 4;

export function QrCode({
  text,
  label,
  className,
}: {
  readonly text: string;
  readonly label: string;
  readonly className?: string;
}) {
  const path = useMemo(() => {
    const { modules } = create(text, { errorCorrectionLevel: 'M' });
    const parts: string[] = [];
    for (let row = 0; row < modules.size; row++) {
      for (let col = 0; col < modules.size; col++) {
        if (modules.get(row, col)) parts.push(`M${col + QUIET_ZONE} ${row + QUIET_ZONE}h1v1h-1z`);
      }
    }
    return { d: parts.join(''), size: modules.size + 2 * QUIET_ZONE };
  }, [text]);
  return (
    <svg
      className={className}
      viewBox={`0 0 ${path.size} ${path.size}`}
      role="img"
      aria-label={label}
      shapeRendering="crispEdges"
      data-testid="qr-code"
    >
      <rect width={path.size} height={path.size} fill="#fff" />
      <path d={path.d} fill="#000" />
    </svg>
  );
}

/** The countdown figure, fitted to its box (see digitFit.ts). */
import { useLayoutEffect, useRef, useState } from 'react';
import { DIGIT_FONT, DIGIT_WEIGHT, fitDigits, measureDigits } from './digitFit.ts';

export function StageDigits({
  figure,
  className,
}: {
  readonly figure: string;
  readonly className?: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState<{ width: number; height: number } | null>(null);
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => {
      if (!entry) return;
      const { width, height } = entry.contentRect;
      // Whole pixels only: a sub-pixel wobble must not start a resize-and-render loop.
      setSize((old) =>
        old && Math.abs(old.width - width) < 1 && Math.abs(old.height - height) < 1
          ? old
          : { width, height },
      );
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  const pattern = figure.replace(/\d/g, '0');
  const fit = size ? fitDigits(measureDigits(pattern), size) : null;
  return (
    <div ref={box} className={`stage-digits-box ${className ?? ''}`}>
      <span
        className="stage-digits tabular"
        data-testid="stage-countdown"
        style={{
          fontFamily: DIGIT_FONT,
          fontWeight: DIGIT_WEIGHT,
          fontSize: fit ? `${fit.fontSize}px` : '40vh',
          lineHeight: fit ? `${fit.lineHeight}px` : 1,
          transform: fit ? `translateY(${fit.shift}px)` : undefined,
        }}
      >
        {figure}
      </span>
    </div>
  );
}

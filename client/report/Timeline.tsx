import { turnSpeaker, type TurnRecord } from '../../shared/record.ts';

const ROW = 18;
const LABEL = 210;
const WIDTH = 700;

interface Props {
  readonly turns: readonly TurnRecord[];
  readonly legend: { planned: string; spoken: string; over: string };
  readonly title: string;
  /** The report's language, for the speakers' names. */
  readonly lang: string;
}

/**
 * Planned against spoken time per turn, drawn in SVG so it prints sharp on A4: a light bar for
 * the time granted, a dark bar for the time spoken, its overrun in red past the granted end.
 */
export function Timeline({ turns, legend, title, lang }: Props) {
  const scaleMs = Math.max(
    60_000,
    ...turns.map((t) => Math.max(t.grantedMs, t.corrected.spokenMs)),
  );
  const x = (ms: number) => (ms / scaleMs) * (WIDTH - LABEL - 10);
  const height = turns.length * ROW + 40;
  const minuteTicks = Array.from({ length: Math.floor(scaleMs / 60_000) + 1 }, (_, i) => i).filter(
    (m) => scaleMs <= 15 * 60_000 || m % 5 === 0,
  );
  return (
    <svg
      className="timeline"
      viewBox={`0 0 ${WIDTH} ${height}`}
      role="img"
      aria-label={title}
      data-testid="report-timeline"
    >
      {minuteTicks.map((m) => (
        <g key={m}>
          <line
            x1={LABEL + x(m * 60_000)}
            x2={LABEL + x(m * 60_000)}
            y1={0}
            y2={turns.length * ROW}
            className="tick"
          />
          <text x={LABEL + x(m * 60_000)} y={turns.length * ROW + 12} className="tick-label">
            {m}′
          </text>
        </g>
      ))}
      {turns.map((t, i) => {
        const y = i * ROW;
        const spoken = t.corrected.spokenMs;
        const within = Math.min(spoken, t.grantedMs);
        return (
          <g key={t.turnId} className={t.corrected.counts ? undefined : 'not-counted'}>
            <text x={LABEL - 6} y={y + ROW * 0.68} className="label" textAnchor="end">
              {turnSpeaker(t, lang).name.slice(0, 32)}
            </text>
            <rect x={LABEL} y={y + 3} width={x(t.plannedMs)} height={ROW - 6} className="planned" />
            <rect x={LABEL} y={y + 6} width={x(within)} height={ROW - 12} className="spoken" />
            {spoken > t.grantedMs && (
              <rect
                x={LABEL + x(t.grantedMs)}
                y={y + 6}
                width={x(spoken - t.grantedMs)}
                height={ROW - 12}
                className="over overrun"
              />
            )}
          </g>
        );
      })}
      <g transform={`translate(${LABEL}, ${turns.length * ROW + 24})`} className="legend">
        <rect width={14} height={8} className="planned" />
        <text x={18} y={8}>
          {legend.planned}
        </text>
        <rect x={90} width={14} height={8} className="spoken" />
        <text x={108} y={8}>
          {legend.spoken}
        </text>
        <rect x={180} width={14} height={8} className="over" />
        <text x={198} y={8}>
          {legend.over}
        </text>
      </g>
    </svg>
  );
}

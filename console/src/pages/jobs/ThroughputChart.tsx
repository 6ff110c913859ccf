import type { JobStats } from '../../api/jobs.ts';
import { Panel } from '../../ui/Panel.tsx';

type Minute = JobStats['throughput'][number];

const width = 600;
const height = 140;
const top = 8;
const bottom = 20;

/** Jobs finished per minute over the last hour: succeeded (green) under failed (red), as SVG bars. */
export function ThroughputChart({ points }: { readonly points: readonly Minute[] }) {
  const succeeded = points.reduce((sum, p) => sum + p.succeeded, 0);
  const failed = points.reduce((sum, p) => sum + p.failed, 0);
  const peak = Math.max(1, ...points.map((p) => p.succeeded + p.failed));
  const slot = width / Math.max(points.length, 1);
  const scale = (n: number) => (n / peak) * (height - top - bottom);

  return (
    <Panel title="Throughput, last hour" className="throughput">
      <p className="muted totals">
        <span className="legend legend-succeeded" /> {succeeded} succeeded <span className="legend legend-failed" />{' '}
        {failed} failed
      </p>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label="Jobs finished per minute">
        <line x1={0} x2={width} y1={height - bottom} y2={height - bottom} className="axis" />
        <text x={2} y={top + 4} className="tick">
          {peak}/min
        </text>
        {points.map((point, i) => {
          const ok = scale(point.succeeded);
          const bad = scale(point.failed);
          const x = i * slot + 1;
          const base = height - bottom;
          return (
            <g key={point.minute}>
              <title>{`${new Date(point.minute).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}: ${point.succeeded} succeeded, ${point.failed} failed`}</title>
              <rect x={x} width={slot - 2} y={base - ok} height={ok} className="bar-succeeded" />
              <rect x={x} width={slot - 2} y={base - ok - bad} height={bad} className="bar-failed" />
              <rect x={x - 1} width={slot} y={top} height={base - top} className="bar-hit" />
            </g>
          );
        })}
        <text x={0} y={height - 4} className="tick">
          −60 min
        </text>
        <text x={width} y={height - 4} className="tick" textAnchor="end">
          now
        </text>
      </svg>
    </Panel>
  );
}

import type { Paso } from '../../api/ticketing.ts';
import { formatClock } from '../../ui/format.ts';
import { formatDuration, timeline, type SagaEntry, type StepEntry } from './timeline.ts';

/** The saga's log as a timeline: steps in order, the failure, then the compensations in reverse. */
export function SagaTimeline({ pasos }: { readonly pasos: readonly Paso[] }) {
  if (pasos.length === 0) return <p className="empty">No saga steps recorded (yet).</p>;
  return (
    <ol className="timeline" aria-label="Saga steps">
      {timeline(pasos).map((entry, i) =>
        entry.kind === 'saga' ? <SagaMark key={i} entry={entry} /> : <StepItem key={i} entry={entry} />,
      )}
    </ol>
  );
}

const sagaMarks: Partial<Record<Paso['estado'], string>> = {
  STARTED: 'Saga started',
  RESUMED: 'Resumed by another worker',
  COMPENSATING: 'Compensating, in reverse order',
  COMPLETED: 'Saga completed',
  COMPENSATED: 'Saga compensated',
  FAILED: 'Saga failed: a compensation gave up, needs attention',
};

function SagaMark({ entry }: { readonly entry: SagaEntry }) {
  return (
    <li className={`saga-mark saga-${entry.estado.toLowerCase()}`} data-kind="saga" data-state={entry.estado}>
      <span className="marker" aria-hidden />
      <span className="saga-label">{sagaMarks[entry.estado] ?? entry.estado}</span>
      <time className="muted" dateTime={entry.en} title={entry.en}>
        {formatClock(entry.en)}
      </time>
      {entry.error === null ? null : <div className="error-text step-error">{entry.error}</div>}
    </li>
  );
}

const outcomes = {
  step: { running: 'Running', succeeded: 'Succeeded', failed: 'Failed' },
  compensation: { running: 'Compensating', succeeded: 'Compensated', failed: 'Compensation failed' },
} as const;

function StepItem({ entry }: { readonly entry: StepEntry }) {
  const compensation = entry.kind === 'compensation';
  return (
    <li
      className={`step-entry ${entry.kind} ${entry.outcome}`}
      data-kind={entry.kind}
      data-paso={entry.paso}
      data-outcome={entry.outcome}
    >
      <span className="marker" aria-hidden>
        {compensation ? '↩' : entry.n}
      </span>
      <span className="step-name">
        {compensation ? 'undo ' : ''}
        <strong>{entry.paso}</strong>
      </span>
      <span className={`step-outcome outcome-${entry.outcome}`}>{outcomes[entry.kind][entry.outcome]}</span>
      <span className="muted">attempt {entry.intento ?? '—'}</span>
      <span className="muted num">{formatDuration(entry.duracion_ms)}</span>
      <time className="muted" dateTime={entry.en} title={entry.en}>
        {formatClock(entry.en)}
      </time>
      {entry.error === null ? null : <div className="error-text step-error">{entry.error}</div>}
    </li>
  );
}

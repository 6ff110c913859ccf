import type { Paso } from '../../api/ticketing.ts';

/** One attempt of a step, or of its compensation: its start and its end folded into one entry. */
export interface StepEntry {
  readonly kind: 'step' | 'compensation';
  readonly paso: string;
  /** The step's place in the saga (1 = the first step started); a compensation keeps its step's. */
  readonly n: number;
  readonly outcome: 'running' | 'succeeded' | 'failed';
  readonly intento: number | null;
  readonly duracion_ms: number | null;
  /** When the attempt started (when it ended if its start is not in the log). */
  readonly en: string;
  readonly error: string | null;
}

/** A row of the saga instance itself: started, resumed, compensating, completed, compensated, failed. */
export interface SagaEntry {
  readonly kind: 'saga';
  readonly estado: Paso['estado'];
  readonly en: string;
  readonly error: string | null;
}

export type TimelineEntry = StepEntry | SagaEntry;

const started = { STEP_STARTED: 'step', COMPENSATION_STARTED: 'compensation' } as const;
const ended = {
  STEP_SUCCEEDED: ['step', 'succeeded'],
  STEP_FAILED: ['step', 'failed'],
  COMPENSATION_SUCCEEDED: ['compensation', 'succeeded'],
  COMPENSATION_FAILED: ['compensation', 'failed'],
} as const;

const has = <K extends string>(record: Record<K, unknown>, key: string): key is K => Object.hasOwn(record, key);

/**
 * The saga log (oldest first) as a timeline: each attempt of a step one entry (STEP_STARTED with
 * its STEP_SUCCEEDED or STEP_FAILED), likewise each compensation, and the instance's own rows as
 * they come; so compensations show after the failure, in the reverse order of their steps.
 */
export function timeline(pasos: readonly Paso[]): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  const open = new Map<string, number>();
  const order = new Map<string, number>();
  const numberOf = (paso: string) => {
    if (!order.has(paso)) order.set(paso, order.size + 1);
    return order.get(paso) ?? 0;
  };
  for (const row of pasos) {
    const { estado } = row;
    if (has(started, estado)) {
      const kind = started[estado];
      open.set(`${kind}/${row.paso}/${row.intento}`, entries.length);
      entries.push({ kind, ...attempt(row, numberOf(row.paso)), outcome: 'running' });
    } else if (has(ended, estado)) {
      const [kind, outcome] = ended[estado];
      const key = `${kind}/${row.paso}/${row.intento}`;
      const at = open.get(key);
      const begun = at === undefined ? undefined : entries[at];
      const entry: StepEntry = { kind, ...attempt(row, numberOf(row.paso)), outcome, en: begun?.en ?? row.en };
      if (at === undefined) entries.push(entry);
      else entries[at] = entry;
      open.delete(key);
    } else {
      entries.push({ kind: 'saga', estado, en: row.en, error: row.error });
    }
  }
  return entries;
}

function attempt(row: Paso, n: number) {
  return { paso: row.paso, n, intento: row.intento, duracion_ms: row.duracion_ms, en: row.en, error: row.error };
}

/** "24.7 ms", "1.3 s". */
export function formatDuration(ms: number | null): string {
  if (ms === null) return '—';
  if (ms < 1) return '<1 ms';
  if (ms < 1000) return `${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(1)} s`;
}

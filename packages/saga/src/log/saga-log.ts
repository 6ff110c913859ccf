import type { SqlExecutor } from '@eventflow/eventstore';
import { quoteSchema } from '../sql/names.ts';
import type { SagaLogState } from './states.ts';

/** One row of the saga log. */
export interface SagaLogEntry {
  readonly id: number;
  /** The instance id (orchestration) or the message id (choreography). */
  readonly sagaId: string;
  /** The saga's name (orchestration) or the choreography's name. */
  readonly saga: string;
  /** The step (orchestration) or the message type (choreography); null for the instance's own rows. */
  readonly step: string | null;
  readonly state: SagaLogState;
  readonly attempt: number | null;
  readonly error: string | null;
  /** How long the attempt took, on the rows that end one. */
  readonly durationMs: number | null;
  /** RESUMED: `previousWorker`; STEP_FAILED: `retryInMs`; choreography: `topic`, `deadLettered`. */
  readonly detail: Readonly<Record<string, unknown>> | null;
  /** The worker (orchestration) or consumer group (choreography) that wrote the row. */
  readonly worker: string | null;
  readonly correlationId: string | null;
  /** When it was written: the database's clock, ISO-8601. */
  readonly at: string;
}

export interface SagaLogQuery {
  readonly sagaId?: string;
  readonly correlationId?: string;
  readonly saga?: string;
  readonly state?: SagaLogState;
  readonly step?: string;
  /** Rows after this id (paging). */
  readonly after?: number;
  /** Default 100, at most 1000. */
  readonly limit?: number;
}

/** Reads the saga log, oldest first: one instance, one flow (by correlation id), one saga, one state. */
export interface SagaLog {
  query(filter?: SagaLogQuery): Promise<SagaLogEntry[]>;
}

interface LogRow {
  id: string | number;
  saga_id: string;
  saga: string;
  step: string | null;
  state: SagaLogState;
  attempt: number | null;
  error: string | null;
  duration_ms: number | null;
  detail: Record<string, unknown> | null;
  worker: string | null;
  correlation_id: string | null;
  at: string | Date;
}

function entryOf(row: LogRow): SagaLogEntry {
  return {
    id: Number(row.id),
    sagaId: row.saga_id,
    saga: row.saga,
    step: row.step,
    state: row.state,
    attempt: row.attempt === null ? null : Number(row.attempt),
    error: row.error,
    durationMs: row.duration_ms === null ? null : Number(row.duration_ms),
    detail: row.detail,
    worker: row.worker,
    correlationId: row.correlation_id,
    at: new Date(row.at).toISOString(),
  };
}

const columns: ReadonlyArray<[keyof SagaLogQuery, string]> = [
  ['sagaId', 'saga_id'],
  ['correlationId', 'correlation_id'],
  ['saga', 'saga'],
  ['state', 'state'],
  ['step', 'step'],
];

/** The saga log of `schema`, on any executor (the engine's, a read replica's). */
export function sagaLog(executor: SqlExecutor, schema: string): SagaLog {
  const table = `${quoteSchema(schema)}.saga_log`;
  return {
    async query(filter = {}) {
      const where: string[] = [];
      const params: unknown[] = [];
      for (const [key, column] of columns) {
        const value = filter[key];
        if (value === undefined) continue;
        params.push(value);
        where.push(`${column} = $${params.length}`);
      }
      if (filter.after !== undefined) {
        params.push(filter.after);
        where.push(`id > $${params.length}`);
      }
      params.push(Math.max(1, Math.min(1000, filter.limit ?? 100)));
      const rows = await executor.query<LogRow>(
        `SELECT id, saga_id, saga, step, state, attempt, error, duration_ms, detail, worker, correlation_id, at
         FROM ${table} ${where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`}
         ORDER BY id LIMIT $${params.length}`,
        params,
      );
      return rows.map(entryOf);
    },
  };
}

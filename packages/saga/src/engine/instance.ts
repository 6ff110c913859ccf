import type { StepFailure } from '../errors.ts';
import type { SagaStatus } from '../log/states.ts';

/** What an instance carries between steps (the `data` column). */
export interface InstanceData {
  readonly input: unknown;
  /** Step name → what its action returned. */
  readonly outputs: Readonly<Record<string, unknown>>;
  /** The steps whose action succeeded, in order. */
  readonly completed: readonly string[];
  /** While compensating: the steps to compensate, in the order they are compensated. */
  readonly compensations?: readonly string[];
  /** While compensating: the failure of the step that gave up (absent in an instance that began compensating before the engine kept it). */
  readonly failure?: StepFailure;
}

/** A saga instance as `get` returns it. */
export interface SagaInstance {
  readonly id: string;
  readonly saga: string;
  readonly status: SagaStatus;
  /** RUNNING: index of the next step; COMPENSATING: index in `data.compensations`. */
  readonly step: number;
  /** The step running or being compensated, if any. */
  readonly currentStep: string | null;
  /** Attempts made at the current step (or compensation); 0 before the first. */
  readonly attempt: number;
  readonly data: InstanceData;
  /** Why it is compensating, compensated or failed. */
  readonly error: string | null;
  readonly correlationId: string;
  readonly nextRunAt: string;
  readonly leaseOwner: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly version: number;
}

export interface InstanceRow {
  id: string;
  saga: string;
  status: SagaStatus;
  step: number;
  current_step: string | null;
  attempt: number;
  data: InstanceData;
  error: string | null;
  correlation_id: string;
  next_run_at: string | Date;
  lease_owner: string | null;
  created_at: string | Date;
  updated_at: string | Date;
  version: number;
}

export const instanceColumns =
  'id, saga, status, step, current_step, attempt, data, error, correlation_id, next_run_at, lease_owner, created_at, updated_at, version';

export function instanceOf(row: InstanceRow): SagaInstance {
  return {
    id: row.id,
    saga: row.saga,
    status: row.status,
    step: Number(row.step),
    currentStep: row.current_step,
    attempt: Number(row.attempt),
    data: row.data,
    error: row.error,
    correlationId: row.correlation_id,
    nextRunAt: new Date(row.next_run_at).toISOString(),
    leaseOwner: row.lease_owner,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
    version: Number(row.version),
  };
}

/** What a worker needs of an instance it holds; `previous_owner` is set when it took over an expired lease. */
export type ClaimedRow = Pick<
  InstanceRow,
  'id' | 'saga' | 'status' | 'step' | 'current_step' | 'attempt' | 'data' | 'error' | 'correlation_id'
> & { readonly previous_owner: string | null };

import type { SqlExecutor } from '@eventflow/eventstore';
import { SagaError } from '../errors.ts';
import type { SagaLogState, SagaStatus } from '../log/states.ts';
import type { InstanceData } from './instance.ts';

/** A log row a transition writes, in order. */
export interface PendingLog {
  readonly step: string | null;
  readonly state: SagaLogState;
  readonly attempt?: number;
  readonly error?: string;
  readonly durationMs?: number;
  readonly detail?: Record<string, unknown>;
}

/** The part of an instance a worker changes. */
export interface DriveState {
  status: SagaStatus;
  step: number;
  currentStep: string | null;
  attempt: number;
  data: InstanceData;
  error: string | null;
}

export interface TransitionTarget {
  readonly executor: SqlExecutor;
  readonly sql: string;
  readonly worker: string;
  readonly leaseMs: number;
}

/**
 * Writes the instance's new state and the log rows that say how it got there, in one statement (one
 * transaction, one round trip), fenced by the lease: when another worker holds the instance now,
 * nothing is written and SAGA.LEASE_LOST is thrown.
 */
export async function persistTransition(
  target: TransitionTarget,
  id: string,
  state: DriveState,
  logs: readonly PendingLog[],
  after: { readonly keepLease: boolean; readonly dueInMs: number },
): Promise<void> {
  const rows = logs.map((log, seq) => ({
    seq,
    step: log.step,
    state: log.state,
    attempt: log.attempt ?? null,
    error: log.error ?? null,
    duration_ms: log.durationMs ?? null,
    detail: log.detail ?? null,
  }));
  const [written] = await target.executor.query<{ updated: number }>(target.sql, [
    id,
    target.worker,
    state.status,
    state.step,
    state.currentStep,
    state.attempt,
    JSON.stringify(state.data),
    state.error,
    after.dueInMs,
    after.keepLease,
    target.leaseMs,
    JSON.stringify(rows),
  ]);
  if (Number(written?.updated ?? 0) === 0) {
    throw new SagaError('SAGA.LEASE_LOST', `saga ${id}: another worker holds it now`, { sagaId: id });
  }
}

/** The states a saga instance is in (`saga_instances.status`). */
export type SagaStatus = 'RUNNING' | 'COMPENSATING' | 'COMPLETED' | 'COMPENSATED' | 'FAILED';

export const activeStatuses: readonly SagaStatus[] = ['RUNNING', 'COMPENSATING'];
export const finalStatuses: readonly SagaStatus[] = ['COMPLETED', 'COMPENSATED', 'FAILED'];

/**
 * What the saga log records. Orchestration, per instance (step empty): STARTED, RESUMED (a worker took
 * over an instance whose previous worker stopped renewing its lease), COMPENSATING, COMPLETED,
 * COMPENSATED, FAILED (needs attention). Per step: STEP_STARTED, STEP_SUCCEEDED, STEP_FAILED,
 * COMPENSATION_STARTED, COMPENSATION_SUCCEEDED, COMPENSATION_FAILED. Choreography, per message:
 * RECEIVED, PROCESSED, FAILED (spec 004's three states).
 */
export type SagaLogState =
  | 'STARTED'
  | 'RESUMED'
  | 'COMPENSATING'
  | 'COMPLETED'
  | 'COMPENSATED'
  | 'FAILED'
  | 'STEP_STARTED'
  | 'STEP_SUCCEEDED'
  | 'STEP_FAILED'
  | 'COMPENSATION_STARTED'
  | 'COMPENSATION_SUCCEEDED'
  | 'COMPENSATION_FAILED'
  | 'RECEIVED'
  | 'PROCESSED';

export const sagaLogStates: readonly SagaLogState[] = [
  'STARTED',
  'RESUMED',
  'COMPENSATING',
  'COMPLETED',
  'COMPENSATED',
  'FAILED',
  'STEP_STARTED',
  'STEP_SUCCEEDED',
  'STEP_FAILED',
  'COMPENSATION_STARTED',
  'COMPENSATION_SUCCEEDED',
  'COMPENSATION_FAILED',
  'RECEIVED',
  'PROCESSED',
];

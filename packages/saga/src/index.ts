export { defineSaga, type SagaDefinition } from './definition/saga.ts';
export {
  defaultRetry,
  defaultTimeoutMs,
  defineStep,
  type CompensationContext,
  type StepContext,
  type StepDefinition,
  type StepPolicy,
  type StepSpec,
} from './definition/step.ts';
export { createSagaEngine, openSagaEngine, type SagaEngine, type Started, type StartOptions } from './engine/engine.ts';
export type { InstanceData, SagaInstance } from './engine/instance.ts';
export type { SagaEngineOptions } from './engine/options.ts';
export { describeError, SagaError, type SagaErrorCode, type StepFailure } from './errors.ts';
/** The platform's one non-retryable marker, defined by the bus: a step that throws it gives up at once. */
export { isPermanent, permanentError, type PermanentError } from '@eventflow/bus';
export { sagaLog, type SagaLog, type SagaLogEntry, type SagaLogQuery } from './log/saga-log.ts';
export { activeStatuses, finalStatuses, sagaLogStates, type SagaLogState, type SagaStatus } from './log/states.ts';
export { combineSagaObservers, sagaMetrics, type SagaObserver } from './metrics/observer.ts';
export { migrateSagas, sagaMigrations, type SagaMigration, type SagaMigrationReport } from './sql/migrations.ts';
export { sagaChannel } from './sql/names.ts';
export {
  openChoreography,
  type Choreography,
  type ChoreographyHandler,
  type ChoreographyOptions,
  type Emit,
} from './choreography/choreography.ts';
export { sagaLogRoutes } from './http/saga-log-routes.ts';

import type { ServiceMetrics } from '@eventflow/service';
import type { SagaStatus } from '../log/states.ts';

/** Called by the engine as things happen, for /metrics; every method optional. */
export interface SagaObserver {
  started?(saga: string): void;
  finished?(saga: string, status: SagaStatus): void;
  stepEnded?(saga: string, step: string, kind: 'action' | 'compensation', ok: boolean, durationMs: number): void;
  /** Choreography: a message reached a state of the log. */
  message?(choreography: string, state: 'RECEIVED' | 'PROCESSED' | 'FAILED'): void;
}

/**
 * The saga series in a service's registry (the kit's `app.metrics`, or `WorkerContext.metrics`):
 * `saga_started_total{saga}`, `saga_finished_total{saga,status}`,
 * `saga_step_duration_seconds{saga,step,kind,outcome}`, `saga_choreography_messages_total{choreography,state}`.
 */
export function sagaMetrics(metrics: ServiceMetrics): SagaObserver {
  const started = metrics.counter({ name: 'saga_started_total', help: 'Saga instances started', labelNames: ['saga'] });
  const finished = metrics.counter({
    name: 'saga_finished_total',
    help: 'Saga instances that ended: COMPLETED, COMPENSATED or FAILED (needs attention)',
    labelNames: ['saga', 'status'],
  });
  const steps = metrics.histogram({
    name: 'saga_step_duration_seconds',
    help: 'Time one attempt of a saga step (action or compensation) took, by outcome',
    labelNames: ['saga', 'step', 'kind', 'outcome'],
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30],
  });
  const messages = metrics.counter({
    name: 'saga_choreography_messages_total',
    help: 'Messages a choreography handler received, processed or failed',
    labelNames: ['choreography', 'state'],
  });
  return {
    started: (saga) => started.inc({ saga }),
    finished: (saga, status) => finished.inc({ saga, status }),
    stepEnded: (saga, step, kind, ok, durationMs) =>
      steps.observe({ saga, step, kind, outcome: ok ? 'ok' : 'failed' }, durationMs / 1000),
    message: (choreography, state) => messages.inc({ choreography, state }),
  };
}

/** Several observers as one. */
export function combineSagaObservers(...observers: readonly SagaObserver[]): SagaObserver {
  return {
    started: (saga) => observers.forEach((o) => o.started?.(saga)),
    finished: (saga, status) => observers.forEach((o) => o.finished?.(saga, status)),
    stepEnded: (...args) => observers.forEach((o) => o.stepEnded?.(...args)),
    message: (...args) => observers.forEach((o) => o.message?.(...args)),
  };
}

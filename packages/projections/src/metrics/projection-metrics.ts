import type { ServiceMetrics } from '@eventflow/service';
import type { ProjectionObserver } from '../async/observer.ts';

/**
 * A projection observer that records into the service's /metrics: `projection_lag_events{projection}`
 * (events recorded after its checkpoint), `projection_events_total{projection}` (events it read past)
 * and `projection_failures_total{projection}`.
 */
export function projectionMetrics(metrics: Pick<ServiceMetrics, 'gauge' | 'counter'>): Required<ProjectionObserver> {
  const lag = metrics.gauge({
    name: 'projection_lag_events',
    help: 'Events recorded after the projection’s checkpoint',
    labelNames: ['projection'],
  });
  const events = metrics.counter({
    name: 'projection_events_total',
    help: 'Events an async projection moved its checkpoint over',
    labelNames: ['projection'],
  });
  const failures = metrics.counter({
    name: 'projection_failures_total',
    help: 'Async projection rounds that failed (and were retried)',
    labelNames: ['projection'],
  });
  return {
    lag: ({ projection, lag: value }) => lag.set({ projection }, value),
    round: ({ projection, read }) => events.inc({ projection }, read),
    failed: ({ projection }) => failures.inc({ projection }),
  };
}

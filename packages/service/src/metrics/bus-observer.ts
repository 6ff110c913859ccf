import type { BusObserver } from '@eventflow/bus';
import type { ServiceMetrics } from './service-metrics.ts';

export type { BusObserver };

/** A bus observer that records into the service's bus metrics (registered on first call). */
export function busObserver(metrics: ServiceMetrics): Required<BusObserver> {
  const bus = metrics.busMetrics();
  return {
    published: ({ topic, count }) => bus.published.inc({ topic }, count),
    handled: ({ topic, group, outcome, durationMs }) =>
      bus.handlerDuration.observe({ topic, group, outcome }, durationMs / 1000),
    deadLettered: ({ topic, group }) => bus.deadLetters.inc({ topic, group }),
    lag: ({ topic, group, partition, lag }) => bus.consumerLag.set({ topic, group, partition: String(partition) }, lag),
  };
}

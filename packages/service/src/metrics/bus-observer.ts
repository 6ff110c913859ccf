import type { ServiceMetrics } from './service-metrics.ts';

/** What the bus reports as it works; each method optional, so an observer can watch only part. */
export interface BusObserver {
  published?(event: { topic: string; count: number }): void;
  handled?(event: {
    topic: string;
    group: string;
    partition: number;
    durationMs: number;
    outcome: 'ok' | 'retry' | 'dead-letter';
  }): void;
  deadLettered?(event: { topic: string; group: string; code: string }): void;
  lag?(event: { topic: string; group: string; partition: number; lag: number }): void;
}

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

import type { ServiceMetrics } from '@eventflow/service';

export type CircuitState = 'closed' | 'half-open' | 'open';
export type RejectionReason = 'circuit_open' | 'timeout' | 'bulkhead_full';

/** The value of `circuit_breaker_state`: 0 closed, 1 half-open, 2 open. */
export const circuitStateValue: Readonly<Record<CircuitState, number>> = { closed: 0, 'half-open': 1, open: 2 };

/** Where one policy reports: its breaker's state, its retries, the calls it refused or cut short. */
export interface PolicyMeter {
  state(state: CircuitState): void;
  retried(): void;
  rejected(reason: RejectionReason): void;
}

const reasons: readonly RejectionReason[] = ['circuit_open', 'timeout', 'bulkhead_full'];

/** The policy `name`'s series in a service's registry, each created (at 0) on first use. */
export function policyMeter(metrics: ServiceMetrics, name: string, withBreaker: boolean): PolicyMeter {
  const state = metrics.gauge({
    name: 'circuit_breaker_state',
    help: 'State of a circuit breaker: 0 closed, 1 half-open, 2 open',
    labelNames: ['name'],
  });
  const retries = metrics.counter({
    name: 'resilience_retries_total',
    help: 'Attempts retried by a resilience policy',
    labelNames: ['name'],
  });
  const rejections = metrics.counter({
    name: 'resilience_rejections_total',
    help: 'Calls a resilience policy refused or cut short, by reason',
    labelNames: ['name', 'reason'],
  });
  retries.inc({ name }, 0);
  for (const reason of reasons) rejections.inc({ name, reason }, 0);
  return {
    state: (value) => {
      if (withBreaker) state.set({ name }, circuitStateValue[value]);
    },
    retried: () => retries.inc({ name }),
    rejected: (reason) => rejections.inc({ name, reason }),
  };
}

import type { ServiceMetrics } from '@eventflow/service';
import { CircuitState as BreakerState, type CircuitBreakerPolicy } from 'cockatiel';
import type { CockatielPolicy } from './cockatiel-policy.ts';
import { policyMeter, type CircuitState, type PolicyMeter, type RejectionReason } from './metrics.ts';
import type { PolicyData } from './policy-data.ts';

/** What is known about a policy as it runs, and where it reports. */
export interface PolicyWatch {
  retryAfterMs(): number;
  rejected(reason: RejectionReason): void;
  observe(metrics: ServiceMetrics): { dispose(): void };
}

export function circuitOf(breaker: CircuitBreakerPolicy | undefined): CircuitState {
  switch (breaker?.state) {
    case BreakerState.Open:
    case BreakerState.Isolated:
      return 'open';
    case BreakerState.HalfOpen:
      return 'half-open';
    default:
      return 'closed';
  }
}

/** Follows the policy's events (breaker state, retries) and fans them out to every observing registry. */
export function watchPolicy(name: string, data: PolicyData, policy: CockatielPolicy): PolicyWatch {
  const meters = new Set<PolicyMeter>();
  let openedAt = 0;
  policy.breaker?.onBreak(() => {
    openedAt = Date.now();
  });
  policy.breaker?.onStateChange(() => {
    for (const meter of meters) meter.state(circuitOf(policy.breaker));
  });
  policy.retry?.onRetry(() => {
    for (const meter of meters) meter.retried();
  });
  return {
    retryAfterMs() {
      if (data.breaker === undefined || circuitOf(policy.breaker) !== 'open') return 0;
      return Math.max(0, openedAt + data.breaker.halfOpenAfterMs - Date.now());
    },
    rejected(reason) {
      for (const meter of meters) meter.rejected(reason);
    },
    observe(metrics) {
      const meter = policyMeter(metrics, name, policy.breaker !== undefined);
      meter.state(circuitOf(policy.breaker));
      meters.add(meter);
      return { dispose: () => void meters.delete(meter) };
    },
  };
}

import { createPolicy, type PolicyOptions, type ResiliencePolicy } from './policy.ts';
import type { PolicyData } from './policy-data.ts';

/** What a bus handler may have: a time limit and a breaker (and a bulkhead); retries stay the bus's. */
export type HandlerPolicyData = Omit<PolicyData, 'retry'>;

/** A bus handler under a policy; `policy` shows its breaker. */
export interface ResilientHandler<M> {
  (message: M): Promise<void>;
  readonly policy: ResiliencePolicy;
}

/**
 * Wraps a bus handler `(message) => Promise<void>` with a time limit and a circuit breaker, without
 * retries: a failure, a timeout (RESILIENCE.TIMEOUT) or an open circuit (RESILIENCE.CIRCUIT_OPEN) is
 * thrown to the bus, whose own retry policy and dead-letter topic decide what happens next. The
 * handler gets a signal that aborts at the deadline: a handler that ignores it keeps running while
 * the bus retries, so handlers should pass it on to what they call.
 */
export function resilientHandler<M>(
  handle: (message: M, signal: AbortSignal) => Promise<void>,
  data: HandlerPolicyData,
  options: Omit<PolicyOptions, 'isFailedResult' | 'delayHint' | 'random'>,
): ResilientHandler<M> {
  const { timeoutMs, breaker, bulkhead } = data;
  const policy = createPolicy(
    { timeoutMs, ...(breaker === undefined ? {} : { breaker }), ...(bulkhead === undefined ? {} : { bulkhead }) },
    options,
  );
  const handler = (message: M): Promise<void> => policy.execute((signal) => handle(message, signal));
  return Object.assign(handler, { policy });
}

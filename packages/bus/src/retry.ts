/**
 * Retries as policy data, not hand-written loops: attempt n (1-based) waits
 * min(maxDelayMs, initialDelayMs × multiplier^(n-1)), with "full" jitter drawing uniformly in [0, that].
 */
export interface RetryPolicy {
  /** Total tries, the first included; after the last failure the message is dead-lettered. */
  readonly maxAttempts: number;
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  readonly multiplier: number;
  readonly jitter: 'full' | 'none';
}

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 5,
  initialDelayMs: 100,
  maxDelayMs: 10_000,
  multiplier: 2,
  jitter: 'full',
};

/** The pause before the try after failed attempt `attempt` (1-based). */
export function backoffDelay(policy: RetryPolicy, attempt: number, random: () => number = Math.random): number {
  const exponential = policy.initialDelayMs * policy.multiplier ** Math.max(0, attempt - 1);
  const capped = Math.min(policy.maxDelayMs, exponential);
  return Math.round(policy.jitter === 'full' ? random() * capped : capped);
}

export function validateRetryPolicy(policy: RetryPolicy): RetryPolicy {
  if (!Number.isInteger(policy.maxAttempts) || policy.maxAttempts < 1) {
    throw new RangeError(`maxAttempts must be an integer ≥ 1, got ${policy.maxAttempts}`);
  }
  if (policy.initialDelayMs < 0 || policy.maxDelayMs < policy.initialDelayMs || policy.multiplier < 1) {
    throw new RangeError('retry delays must satisfy 0 ≤ initialDelayMs ≤ maxDelayMs and multiplier ≥ 1');
  }
  return policy;
}

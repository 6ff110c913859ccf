import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Retries as policy data: attempt n (1-based) is followed by a pause of
 * min(maxDelayMs, initialDelayMs × multiplier^(n-1)), drawn uniformly below that with 'full' jitter.
 */
export interface RetryPolicy {
  /** Total tries, the first included. */
  readonly maxAttempts: number;
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  readonly multiplier: number;
  readonly jitter: 'full' | 'none';
}

/** For version conflicts: they clear as soon as the writer reloads, so retry quickly. */
export const defaultConflictRetry: RetryPolicy = {
  maxAttempts: 5,
  initialDelayMs: 2,
  maxDelayMs: 50,
  multiplier: 2,
  jitter: 'full',
};

export function retryDelay(policy: RetryPolicy, attempt: number, random: () => number = Math.random): number {
  const capped = Math.min(policy.maxDelayMs, policy.initialDelayMs * policy.multiplier ** Math.max(0, attempt - 1));
  return Math.round(policy.jitter === 'full' ? random() * capped : capped);
}

function validate(policy: RetryPolicy): void {
  if (!Number.isInteger(policy.maxAttempts) || policy.maxAttempts < 1) {
    throw new RangeError(`maxAttempts must be an integer ≥ 1, got ${policy.maxAttempts}`);
  }
  if (policy.initialDelayMs < 0 || policy.maxDelayMs < policy.initialDelayMs || policy.multiplier < 1) {
    throw new RangeError('retry delays must satisfy 0 ≤ initialDelayMs ≤ maxDelayMs and multiplier ≥ 1');
  }
}

/** Runs `work` until it succeeds, fails with an error `retryable` refuses, or attempts run out. */
export async function retrying<T>(
  policy: RetryPolicy,
  retryable: (error: unknown) => boolean,
  work: (attempt: number) => Promise<T>,
): Promise<T> {
  validate(policy);
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work(attempt);
    } catch (error) {
      if (attempt >= policy.maxAttempts || !retryable(error)) throw error;
      const delay = retryDelay(policy, attempt);
      if (delay > 0) await sleep(delay);
    }
  }
}

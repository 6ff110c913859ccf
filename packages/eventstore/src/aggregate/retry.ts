import { setTimeout as sleep } from 'node:timers/promises';
import { backoffDelay, resolveRetryPolicy, type RetryPolicy } from '@eventflow/bus';

/** Retries as policy data: the bus's policy and backoff formula, one for the whole platform. */
export type { RetryPolicy };

/** For version conflicts: they clear as soon as the writer reloads, so retry quickly. */
export const defaultConflictRetry: RetryPolicy = {
  maxAttempts: 5,
  initialDelayMs: 2,
  maxDelayMs: 50,
  multiplier: 2,
  jitter: 'full',
};

/** Runs `work` until it succeeds, fails with an error `retryable` refuses, or attempts run out. */
export async function retrying<T>(
  policy: RetryPolicy,
  retryable: (error: unknown) => boolean,
  work: (attempt: number) => Promise<T>,
): Promise<T> {
  const { maxAttempts } = resolveRetryPolicy(policy);
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work(attempt);
    } catch (error) {
      if (attempt >= maxAttempts || !retryable(error)) throw error;
      const delay = backoffDelay(policy, attempt);
      if (delay > 0) await sleep(delay);
    }
  }
}

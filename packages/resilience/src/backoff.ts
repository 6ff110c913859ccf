import type { FailureReason, IBackoff, IBackoffFactory, IRetryBackoffContext } from 'cockatiel';
import { backoffDelay } from '@eventflow/bus';
import type { RetryData } from './policy-data.ts';

/** The pause before retry n (1-based): the bus's formula, min(maxDelayMs, initialDelayMs × multiplier^(n-1)), jittered. */
export function retryDelay(retry: RetryData, retryNumber: number, random: () => number = Math.random): number {
  const jitter = (retry.jitter ?? 'full') === 'full' ? 'full' : 'none';
  return backoffDelay({ ...retry, multiplier: retry.multiplier ?? 2, jitter }, retryNumber, random);
}

/** How long the failed attempt asked to wait (an HTTP Retry-After), if it did. */
export type DelayHint = (failure: FailureReason<unknown>) => number | undefined;

type Context = IRetryBackoffContext<unknown>;

/**
 * The retry data as a cockatiel backoff. A hint from the failure (Retry-After) lengthens the pause,
 * never beyond `maxDelayMs`.
 */
export function backoffOf(retry: RetryData, random?: () => number, hint?: DelayHint): IBackoffFactory<Context> {
  const step = (retryNumber: number, context: Context): IBackoff<Context> => {
    const computed = retryDelay(retry, retryNumber, random);
    const hinted = hint?.(context.result);
    return {
      duration: hinted === undefined ? computed : Math.min(retry.maxDelayMs, Math.max(computed, hinted)),
      next: (next) => step(retryNumber + 1, next),
    };
  };
  return { next: (context) => step(1, context) };
}

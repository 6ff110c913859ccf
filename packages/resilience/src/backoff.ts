import type { FailureReason, IBackoff, IBackoffFactory, IRetryBackoffContext } from 'cockatiel';
import { backoffDelay, type ResolvedRetryPolicy } from '@eventflow/bus';

/** How long the failed attempt asked to wait (an HTTP Retry-After), if it did. */
export type DelayHint = (failure: FailureReason<unknown>) => number | undefined;

type Context = IRetryBackoffContext<unknown>;

/**
 * The retry policy as a cockatiel backoff: the bus's `backoffDelay` (cockatiel's own exponential
 * generator ignores its cap when jittered). A hint from the failure (Retry-After) lengthens the
 * pause, never beyond `maxDelayMs`.
 */
export function backoffOf(
  retry: ResolvedRetryPolicy,
  random?: () => number,
  hint?: DelayHint,
): IBackoffFactory<Context> {
  const step = (retryNumber: number, context: Context): IBackoff<Context> => {
    const computed = backoffDelay(retry, retryNumber, random);
    const hinted = hint?.(context.result);
    return {
      duration: hinted === undefined ? computed : Math.min(retry.maxDelayMs, Math.max(computed, hinted)),
      next: (next) => step(retryNumber + 1, next),
    };
  };
  return { next: (context) => step(1, context) };
}

import {
  bulkhead,
  circuitBreaker,
  ConsecutiveBreaker,
  handleWhen,
  retry,
  timeout,
  TimeoutStrategy,
  wrap,
  type BulkheadPolicy,
  type CircuitBreakerPolicy,
  type IDefaultPolicyContext,
  type IPolicy,
  type RetryPolicy,
  type TimeoutPolicy,
} from 'cockatiel';
import { resolveRetryPolicy } from '@eventflow/bus';
import { backoffOf, type DelayHint } from './backoff.ts';
import type { PolicyData } from './policy-data.ts';

export interface Classifiers {
  /** A thrown error that counts as a failure (retried, counted by the breaker). */
  readonly isFailure: (error: unknown) => boolean;
  /** A returned value that counts as a failure (an HTTP 503). */
  readonly isFailedResult: (result: unknown) => boolean;
  readonly delayHint?: DelayHint | undefined;
  readonly random?: (() => number) | undefined;
}

type AnyPolicy = IPolicy<IDefaultPolicyContext, never>;

/** The cockatiel policies the data describes, and their two compositions (with and without retry). */
export interface CockatielPolicy {
  readonly timeout: TimeoutPolicy;
  readonly breaker: CircuitBreakerPolicy | undefined;
  readonly retry: RetryPolicy | undefined;
  readonly bulkhead: BulkheadPolicy | undefined;
  readonly withRetry: AnyPolicy;
  readonly withoutRetry: AnyPolicy;
}

/**
 * bulkhead(retry(breaker(timeout(call)))): the bulkhead bounds whole calls, retries included; each
 * attempt passes the breaker (so an open circuit stops the retries) and has its own time limit.
 * The timeout is aggressive: the caller gets control back at the deadline even if the call ignores
 * its (aborted) signal.
 */
export function cockatielPolicy(data: PolicyData, classify: Classifiers): CockatielPolicy {
  const failures = () => handleWhen(classify.isFailure).orWhenResult(classify.isFailedResult);
  const limit = timeout(data.timeoutMs, { strategy: TimeoutStrategy.Aggressive, abortOnReturn: true });
  const breaker =
    data.breaker === undefined
      ? undefined
      : circuitBreaker(failures(), {
          halfOpenAfter: data.breaker.halfOpenAfterMs,
          breaker: new ConsecutiveBreaker(data.breaker.consecutiveFailures),
        });
  const tries = data.retry === undefined ? undefined : resolveRetryPolicy(data.retry);
  const retries =
    tries === undefined || tries.maxAttempts <= 1
      ? undefined
      : retry(failures(), {
          maxAttempts: tries.maxAttempts - 1, // cockatiel counts retries, the data counts tries
          backoff: backoffOf(tries, classify.random, classify.delayHint),
        });
  const limiter = data.bulkhead === undefined ? undefined : bulkhead(data.bulkhead.limit, data.bulkhead.queue ?? 0);
  const compose = (...policies: ReadonlyArray<AnyPolicy | undefined>): AnyPolicy =>
    wrap(...policies.filter((policy): policy is AnyPolicy => policy !== undefined));
  return {
    timeout: limit,
    breaker,
    retry: retries,
    bulkhead: limiter,
    withRetry: compose(limiter, retries, breaker, limit),
    withoutRetry: compose(limiter, breaker, limit),
  };
}

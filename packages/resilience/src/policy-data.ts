import { retryPolicyProblems, type RetryPolicy } from '@eventflow/bus';

/** Opens after this many failures in a row; after `halfOpenAfterMs` one trial call decides. */
export interface BreakerData {
  readonly consecutiveFailures: number;
  readonly halfOpenAfterMs: number;
}

/** At most `limit` calls at once, `queue` more waiting (default 0); past that, refused at once. */
export interface BulkheadData {
  readonly limit: number;
  readonly queue?: number;
}

/**
 * A resilience policy as data (configuration, not code): each attempt limited by `timeoutMs`,
 * failures retried with backoff, a circuit breaker over the attempts, an optional bulkhead around it all.
 */
export interface PolicyData {
  readonly timeoutMs: number;
  /** Retries with backoff: the bus's RetryPolicy, its fields' defaults included. Left out: no retry. */
  readonly retry?: RetryPolicy;
  readonly breaker?: BreakerData;
  readonly bulkhead?: BulkheadData;
}

/** Returns `data` when it makes sense, or throws a RangeError naming every bad field. */
export function validatePolicyData<T extends PolicyData>(data: T): T {
  const problems = [
    ...positive('timeoutMs', data.timeoutMs),
    ...(data.retry === undefined ? [] : retryPolicyProblems(data.retry).map((problem) => `retry.${problem}`)),
    ...(data.breaker === undefined ? [] : breakerProblems(data.breaker)),
    ...(data.bulkhead === undefined ? [] : bulkheadProblems(data.bulkhead)),
  ];
  if (problems.length > 0) throw new RangeError(`invalid resilience policy: ${problems.join('; ')}`);
  return data;
}

function breakerProblems(breaker: BreakerData): string[] {
  return [
    ...(Number.isSafeInteger(breaker.consecutiveFailures) && breaker.consecutiveFailures >= 1
      ? []
      : ['breaker.consecutiveFailures must be an integer ≥ 1']),
    ...nonNegative('breaker.halfOpenAfterMs', breaker.halfOpenAfterMs),
  ];
}

function bulkheadProblems(bulkhead: BulkheadData): string[] {
  return [
    ...(Number.isSafeInteger(bulkhead.limit) && bulkhead.limit >= 1 ? [] : ['bulkhead.limit must be an integer ≥ 1']),
    ...(Number.isSafeInteger(bulkhead.queue ?? 0) && (bulkhead.queue ?? 0) >= 0
      ? []
      : ['bulkhead.queue must be an integer ≥ 0']),
  ];
}

function positive(name: string, value: number): string[] {
  return Number.isFinite(value) && value > 0 ? [] : [`${name} must be a number > 0`];
}

function nonNegative(name: string, value: number): string[] {
  return Number.isFinite(value) && value >= 0 ? [] : [`${name} must be a number ≥ 0`];
}

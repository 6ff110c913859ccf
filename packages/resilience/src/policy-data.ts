/** Retries with exponential backoff: try n (1-based) waits min(maxDelayMs, initialDelayMs × multiplier^(n-1)). */
export interface RetryData {
  /** Total tries, the first included (1 = no retry). */
  readonly maxAttempts: number;
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  /** Growth of the delay per retry (default 2). */
  readonly multiplier?: number;
  /** 'full' (default) draws each delay uniformly in [0, delay]; 'none' waits exactly; 'decorrelated' is Polly's. */
  readonly jitter?: 'full' | 'none' | 'decorrelated';
}

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
  readonly retry?: RetryData;
  readonly breaker?: BreakerData;
  readonly bulkhead?: BulkheadData;
}

/** Returns `data` when it makes sense, or throws a RangeError naming every bad field. */
export function validatePolicyData<T extends PolicyData>(data: T): T {
  const problems = [
    ...positive('timeoutMs', data.timeoutMs),
    ...(data.retry === undefined ? [] : retryProblems(data.retry)),
    ...(data.breaker === undefined ? [] : breakerProblems(data.breaker)),
    ...(data.bulkhead === undefined ? [] : bulkheadProblems(data.bulkhead)),
  ];
  if (problems.length > 0) throw new RangeError(`invalid resilience policy: ${problems.join('; ')}`);
  return data;
}

function retryProblems(retry: RetryData): string[] {
  return [
    ...(Number.isSafeInteger(retry.maxAttempts) && retry.maxAttempts >= 1
      ? []
      : ['retry.maxAttempts must be an integer ≥ 1']),
    ...nonNegative('retry.initialDelayMs', retry.initialDelayMs),
    ...(retry.maxDelayMs >= retry.initialDelayMs ? [] : ['retry.maxDelayMs must be ≥ retry.initialDelayMs']),
    ...((retry.multiplier ?? 2) >= 1 ? [] : ['retry.multiplier must be ≥ 1']),
  ];
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

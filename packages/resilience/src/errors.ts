import { ServiceError } from '@eventflow/service';

export type ResilienceErrorCode = 'RESILIENCE.CIRCUIT_OPEN' | 'RESILIENCE.TIMEOUT' | 'RESILIENCE.BULKHEAD_FULL';

const outcomes: Readonly<Record<ResilienceErrorCode, { status: number; title: string }>> = {
  'RESILIENCE.CIRCUIT_OPEN': { status: 503, title: 'Circuit open' },
  'RESILIENCE.TIMEOUT': { status: 504, title: 'Timed out' },
  'RESILIENCE.BULKHEAD_FULL': { status: 503, title: 'Too many calls in flight' },
};

/**
 * A call a policy refused or cut short, with a stable code. A ServiceError, so one that reaches the
 * edge unhandled is a 503 (504 for a timeout) problem rather than a bare 500; callers usually
 * translate it into their own code first.
 */
export class ResilienceError extends ServiceError {
  declare readonly code: ResilienceErrorCode;
  /** The policy's name, as in the metrics' `name` label. */
  readonly policy: string;
  /** For CIRCUIT_OPEN: how long until the breaker lets a trial call through. */
  readonly retryAfterMs: number | undefined;

  constructor(code: ResilienceErrorCode, policy: string, detail: string, options: ResilienceErrorOptions = {}) {
    const { status, title } = outcomes[code];
    const retryAfterSeconds = options.retryAfterMs === undefined ? undefined : Math.ceil(options.retryAfterMs / 1000);
    super(code, status, title, detail, { policy, ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }) });
    this.name = 'ResilienceError';
    this.policy = policy;
    this.retryAfterMs = options.retryAfterMs;
    if (options.cause !== undefined) this.cause = options.cause;
  }
}

export interface ResilienceErrorOptions {
  readonly retryAfterMs?: number;
  readonly cause?: unknown;
}

export function isResilienceError(error: unknown, code?: ResilienceErrorCode): error is ResilienceError {
  return error instanceof ResilienceError && (code === undefined || error.code === code);
}

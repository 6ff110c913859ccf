export { validatePolicyData, type BreakerData, type BulkheadData, type PolicyData } from './policy-data.ts';
export { createPolicy, type ExecuteOptions, type PolicyOptions, type ResiliencePolicy } from './policy.ts';
export type { DelayHint } from './backoff.ts';
export { isResilienceError, ResilienceError, type ResilienceErrorCode, type ResilienceErrorOptions } from './errors.ts';
export { circuitStateValue, type CircuitState, type RejectionReason } from './metrics.ts';
export {
  resilientHttp,
  type FetchLike,
  type ResilientHttp,
  type ResilientHttpOptions,
  type ResilientRequestInit,
} from './http/resilient-http.ts';
export { isIdempotentMethod, isNetworkError, isRetryableStatus, retryAfterMs } from './http/failures.ts';
export { resilientHandler, type HandlerPolicyData, type ResilientHandler } from './bus-handler.ts';

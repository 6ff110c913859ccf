import { isBrokenCircuitError, isBulkheadRejectedError, isTaskCancelledError } from 'cockatiel';
import { ResilienceError } from './errors.ts';
import type { PolicyWatch } from './policy-watch.ts';

export interface TranslationContext {
  readonly name: string;
  readonly signal: AbortSignal | undefined;
  readonly watch: Pick<PolicyWatch, 'retryAfterMs' | 'rejected'>;
}

/**
 * cockatiel's errors become ResilienceErrors with stable codes (counted as rejections); a caller
 * that gave up gets its own abort reason back; anything else is the call's own error, unchanged.
 */
export function translateError(error: unknown, context: TranslationContext): unknown {
  const { name, signal, watch } = context;
  if (signal?.aborted === true) return signal.reason ?? error;
  if (isBrokenCircuitError(error)) {
    watch.rejected('circuit_open');
    const retryAfterMs = watch.retryAfterMs();
    const detail = `${name}: the circuit is open; calls are refused for ${Math.ceil(retryAfterMs / 1000)} s`;
    return new ResilienceError('RESILIENCE.CIRCUIT_OPEN', name, detail, { retryAfterMs, cause: error });
  }
  if (isBulkheadRejectedError(error)) {
    watch.rejected('bulkhead_full');
    return new ResilienceError('RESILIENCE.BULKHEAD_FULL', name, `${name}: ${error.message}`, { cause: error });
  }
  if (isTaskCancelledError(error)) {
    watch.rejected('timeout');
    return new ResilienceError('RESILIENCE.TIMEOUT', name, `${name}: ${error.message}`, { cause: error });
  }
  return error;
}

import { httpClient, type ServiceMetrics } from '@eventflow/service';
import { createPolicy, type ResiliencePolicy } from '../policy.ts';
import type { PolicyData } from '../policy-data.ts';
import { bufferResponse } from './buffer-response.ts';
import { isIdempotentMethod, isNetworkError, isRetryableStatus, retryAfterMs } from './failures.ts';

/** A fetch-like function: the global fetch, or the kit's `httpClient()`. */
export type FetchLike = (url: string | URL, init?: RequestInit) => Promise<Response>;

export interface ResilientRequestInit extends RequestInit {
  /**
   * May this request be sent again after a failure? Default: by its method (GET, HEAD, OPTIONS,
   * PUT, DELETE yes; POST, PATCH no). Say true for a POST the server deduplicates.
   */
  readonly idempotent?: boolean;
  /** Node's fetch needs 'half' to send a streamed body (absent from the DOM's RequestInit). */
  readonly duplex?: 'half';
}

/** fetch under a policy; `policy` shows its breaker. */
export interface ResilientHttp {
  (url: string | URL, init?: ResilientRequestInit): Promise<Response>;
  readonly policy: ResiliencePolicy;
}

export interface ResilientHttpOptions {
  /** Names the policy in errors and metrics (the `name` label), e.g. the service called. */
  readonly name: string;
  readonly metrics?: ServiceMetrics;
  /** What sends the requests (default the global fetch); always through the kit's `httpClient`, which forwards X-Correlation-Id. */
  readonly fetch?: FetchLike;
  readonly random?: () => number;
}

/**
 * Wraps a fetch in a policy. Each attempt is timed and its body read in full within its time limit
 * (the Response returned is buffered). Network errors, timeouts, 5xx, 408 and 429 are failures: the
 * breaker counts them and they are retried, with backoff (a Retry-After lengthens it), when the
 * request is idempotent and its body can be sent again (not a stream). Other 4xx are answers,
 * returned as they are. When the tries run out on a failed status, that last response is returned;
 * when they run out on an error, it is thrown (a ResilienceError for a timeout or an open circuit).
 */
export function resilientHttp(data: PolicyData, options: ResilientHttpOptions): ResilientHttp {
  const send = httpClient(options.fetch === undefined ? {} : { fetch: options.fetch as typeof fetch });
  const policy = createPolicy(data, {
    name: options.name,
    ...(options.metrics === undefined ? {} : { metrics: options.metrics }),
    ...(options.random === undefined ? {} : { random: options.random }),
    isFailure: isNetworkError,
    isFailedResult: (result) => result instanceof Response && isRetryableStatus(result.status),
    delayHint: (failure) =>
      'value' in failure && failure.value instanceof Response
        ? retryAfterMs(failure.value.headers.get('retry-after'))
        : undefined,
  });
  const request = (url: string | URL, init: ResilientRequestInit = {}): Promise<Response> => {
    const { idempotent, signal, ...rest } = init;
    const replayable = !(rest.body instanceof ReadableStream);
    const retry = replayable && (idempotent ?? isIdempotentMethod(rest.method));
    return policy.execute(
      async (attemptSignal) => bufferResponse(await send(url, { ...rest, signal: attemptSignal }), attemptSignal),
      signal ?? undefined,
      { retry },
    );
  };
  return Object.assign(request, { policy });
}

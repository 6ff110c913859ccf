import { correlationHeader, currentCorrelation } from '@eventflow/correlation';

export interface HttpClientOptions {
  /** The fetch to wrap (default the global one). */
  readonly fetch?: typeof fetch;
  /** Default time limit of each request; a request's own `timeoutMs` wins. */
  readonly timeoutMs?: number;
}

export interface HttpRequestInit extends RequestInit {
  /** Aborts the request (a `TimeoutError`) after this many milliseconds. */
  readonly timeoutMs?: number;
}

export type HttpClient = (url: string | URL, init?: HttpRequestInit) => Promise<Response>;

/**
 * `fetch` that carries the current correlation id in `X-Correlation-Id` (unless the caller set one),
 * with an optional timeout through `AbortSignal.timeout`, combined with the caller's own signal.
 */
export function httpClient(options: HttpClientOptions = {}): HttpClient {
  const send = options.fetch ?? fetch;
  return (url, init = {}) => {
    const { timeoutMs = options.timeoutMs, ...request } = init;
    const headers = new Headers(request.headers);
    const correlation = currentCorrelation();
    if (correlation !== undefined && !headers.has(correlationHeader)) {
      headers.set(correlationHeader, correlation.correlationId);
    }
    const signals = [request.signal, timeoutMs === undefined ? undefined : AbortSignal.timeout(timeoutMs)].filter(
      (signal) => signal !== undefined && signal !== null,
    );
    return send(url, { ...request, headers, ...(signals.length === 0 ? {} : { signal: AbortSignal.any(signals) }) });
  };
}

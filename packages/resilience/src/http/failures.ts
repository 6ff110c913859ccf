/** Statuses worth another try: the server may answer differently in a moment. Other 4xx never are. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

const networkCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EAI_AGAIN',
  'ENOTFOUND',
]);

/**
 * A request that failed on the way (refused, reset, timed out, cut mid-body), as opposed to a
 * programming error (a bad URL, a body that cannot be sent), which no retry would fix.
 */
export function isNetworkError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === 'TimeoutError' || error.name === 'AbortError') return true;
  const code = codeOf(error) ?? codeOf(error.cause);
  if (code !== undefined && (networkCodes.has(code) || code.startsWith('UND_ERR_'))) return true;
  return error instanceof TypeError && error.message === 'fetch failed';
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Methods that may be repeated without changing the outcome (RFC 9110 §9.2.2). */
const idempotentMethods = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE', 'PUT', 'DELETE']);

export function isIdempotentMethod(method: string | undefined): boolean {
  return idempotentMethods.has((method ?? 'GET').toUpperCase());
}

/** A Retry-After header (seconds or an HTTP date) as milliseconds from `now`, if present and sane. */
export function retryAfterMs(header: string | null, now: number = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return seconds >= 0 ? seconds * 1000 : undefined;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

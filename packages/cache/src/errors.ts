/** Stable codes: they become problem+json or dead-letter reasons only at the edge. */
export type CacheErrorCode = 'CACHE.INVALID_ARGUMENT' | 'CACHE.NOT_AN_INTEGER' | 'CACHE.CLOSED';

export interface CacheError extends Error {
  readonly code: CacheErrorCode;
  /** false for a call that can never succeed as made (the platform's non-retryable marker). */
  readonly retryable: boolean;
}

const permanent: ReadonlySet<CacheErrorCode> = new Set(['CACHE.INVALID_ARGUMENT', 'CACHE.NOT_AN_INTEGER']);

/** The package's one error factory. */
export function cacheError(code: CacheErrorCode, message: string, options?: ErrorOptions): CacheError {
  const error = new Error(message, options);
  error.name = 'CacheError';
  return Object.assign(error, { code, retryable: !permanent.has(code) });
}

/** Whether `error` is a cache error (of `code`, when given). */
export function isCacheError(error: unknown, code?: CacheErrorCode): error is CacheError {
  if (!(error instanceof Error) || error.name !== 'CacheError') return false;
  return code === undefined || (error as CacheError).code === code;
}

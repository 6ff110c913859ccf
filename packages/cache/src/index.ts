export type { Cache, CacheStats, IncrementOptions, SetOptions } from './port.ts';
export { cacheError, isCacheError, type CacheError, type CacheErrorCode } from './errors.ts';
export { readThrough, type CacheWarn, type ReadThrough, type ReadThroughOptions } from './read-through.ts';

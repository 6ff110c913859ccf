export { createMemoryCache, type MemoryCacheOptions } from './memory-cache.ts';

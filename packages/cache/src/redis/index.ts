export { openRedisCache, type RedisCacheOptions } from './redis-cache.ts';

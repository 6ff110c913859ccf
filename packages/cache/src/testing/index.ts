export { cacheContract, type CacheUnderTest, type OpenCache } from './contract.ts';

import { cacheContract } from '../testing/index.ts';
import { createMemoryCache } from './memory-cache.ts';

cacheContract('memory', (namespace) => {
  let now = 1_000_000;
  return new Promise((resolve) => {
    const cache = createMemoryCache({ namespace, now: () => now });
    resolve({ cache, close: () => cache.close(), advance: (ms) => void (now += ms) });
  });
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isCacheError } from '../errors.ts';
import { createMemoryCache } from './memory-cache.ts';

test('beyond maxEntries the least recently used entry is evicted, counters included', async () => {
  const cache = createMemoryCache({ namespace: 'lru:', maxEntries: 3 });
  await cache.set('a', '1');
  await cache.increment('b');
  await cache.set('c', '3');
  assert.equal(await cache.get('a'), '1'); // a is now the most recently used, b the least
  await cache.set('d', '4');
  assert.equal(await cache.get('b'), undefined);
  assert.deepEqual(await Promise.all(['a', 'c', 'd'].map((key) => cache.get(key))), ['1', '3', '4']);
  assert.equal((await cache.stats()).keys, 3);
  await cache.close();
});

test('the real clock by default: a TTL far ahead keeps the key', async () => {
  const cache = createMemoryCache({ namespace: 'clock:' });
  await cache.set('k', 'v', { ttlSeconds: 3600 });
  assert.equal(await cache.get('k'), 'v');
  assert.equal(await cache.ttl('k'), 3600);
  assert.match(await cache.ping(), /^memory clock: \(1\/10000 entries\)$/);
  await cache.close();
});

test('options are checked when the cache is made', () => {
  const refused = (error: unknown) => isCacheError(error, 'CACHE.INVALID_ARGUMENT');
  assert.throws(() => createMemoryCache({ namespace: 'x:', maxEntries: 0 }), refused);
  assert.throws(() => createMemoryCache({ namespace: '' }), refused);
  assert.throws(() => createMemoryCache({ namespace: 'a b' }), refused);
});

test('usedMemoryHuman estimates the entries in Redis format', async () => {
  const cache = createMemoryCache({ namespace: 'size:' });
  await cache.set('k', 'x'.repeat(1023));
  assert.equal((await cache.stats()).usedMemoryHuman, '2.00K');
  await cache.close();
});

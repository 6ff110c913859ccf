// The read-through cache of one kind of document: a read keeps what the store answered, an
// invalidation drops it, the TTL bounds the rest, and a cache that is down never fails a read.
// The "store" is a map the test changes behind the cache's back, to tell a cached answer from a fresh one.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createMemoryCache } from './memory/index.ts';
import { readThrough, type CacheWarn } from './read-through.ts';

interface Show {
  readonly title: string;
}

function fixture(ttlSeconds = 30) {
  // Not 0: lru-cache takes an entry stamped at time 0 for one without a start, which never expires.
  let nowMs = 1_000_000;
  const cache = createMemoryCache({ namespace: 'shows:', now: () => nowMs });
  const store = new Map<string, Show>();
  let loads = 0;
  const load = (id: string) => () => {
    loads += 1;
    return Promise.resolve(store.get(id) ?? null);
  };
  const warnings: string[] = [];
  const warn: CacheWarn = (fields, message) => void warnings.push(`${fields.key}: ${message}`);
  const shows = readThrough<Show>({ cache, prefix: 'show:', ttlSeconds });
  return {
    cache,
    store,
    shows,
    load,
    warn,
    warnings,
    loads: () => loads,
    advance: (seconds: number) => void (nowMs += seconds * 1000),
  };
}

test('a miss loads from the store and keeps the answer under the prefix until its TTL', async () => {
  const { cache, store, shows, load, loads, advance } = fixture(30);
  store.set('s1', { title: 'Hamlet' });
  assert.deepEqual(await shows.read('s1', load('s1')), { title: 'Hamlet' });
  assert.equal(loads(), 1);
  assert.deepEqual(await cache.getJson('show:s1'), { title: 'Hamlet' }, 'kept under prefix + id');
  const ttl = await cache.ttl('show:s1');
  assert.ok(ttl !== undefined && ttl <= 30, `with the TTL given (${ttl})`);

  store.set('s1', { title: 'Macbeth' });
  assert.deepEqual(await shows.read('s1', load('s1')), { title: 'Hamlet' }, 'a hit: answered from the cache');
  assert.equal(loads(), 1, 'without loading');

  advance(31);
  assert.deepEqual(await shows.read('s1', load('s1')), { title: 'Macbeth' }, 'past its TTL the store answers');
  assert.equal(loads(), 2);
  await cache.close();
});

test('nothing is kept for what the store does not have', async () => {
  const { cache, store, shows, load, loads } = fixture();
  assert.equal(await shows.read('s2', load('s2')), null);
  assert.equal(await cache.get('show:s2'), undefined);
  store.set('s2', { title: 'Hamlet' });
  assert.deepEqual(await shows.read('s2', load('s2')), { title: 'Hamlet' }, 'seen as soon as it exists');
  assert.equal(loads(), 2);
  await cache.close();
});

test('an invalidation drops the entry at once: the next read loads again', async () => {
  const { cache, store, shows, load } = fixture();
  store.set('s3', { title: 'Hamlet' });
  await shows.read('s3', load('s3'));
  store.set('s3', { title: 'Macbeth' });
  await shows.invalidate('s3');
  assert.equal(await cache.get('show:s3'), undefined);
  assert.deepEqual(await shows.read('s3', load('s3')), { title: 'Macbeth' });
  await shows.invalidate('unknown'); // nothing there: nothing to do, no failure
  await cache.close();
});

test('with the cache down reads go to the store and invalidations do not fail; both are reported', async () => {
  const { cache, store, shows, load, loads, warn, warnings } = fixture();
  store.set('s4', { title: 'Hamlet' });
  await cache.close();
  assert.deepEqual(await shows.read('s4', load('s4'), warn), { title: 'Hamlet' });
  assert.deepEqual(await shows.read('s4', load('s4')), { title: 'Hamlet' }, 'no warn given: still answered');
  assert.equal(loads(), 2);
  await shows.invalidate('s4', warn);
  assert.deepEqual(warnings, [
    'show:s4: cache read failed: reading the store',
    'show:s4: cache write failed',
    'show:s4: cache invalidation failed: the entry may be stale until its TTL',
  ]);
});

test('a failing store is not hidden: its error reaches the caller and nothing is kept', async () => {
  const { cache, shows } = fixture();
  await assert.rejects(
    shows.read('s5', () => Promise.reject(new Error('store down'))),
    /store down/,
  );
  assert.equal(await cache.get('show:s5'), undefined);
  await cache.close();
});

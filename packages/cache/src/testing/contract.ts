import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test, type TestContext } from 'node:test';
import { isCacheError } from '../errors.ts';
import type { Cache } from '../port.ts';
import { until } from './wait.ts';

/** A cache for one test, and how to give it back. */
export interface CacheUnderTest {
  readonly cache: Cache;
  /** Closes the cache (idempotent after `cache.close()`) and removes what the test left. */
  close(): Promise<void>;
  /** Moves the cache's clock forward; absent for a real clock (the suite then polls with a deadline). */
  advance?(ms: number): void;
}

export type OpenCache = (namespace: string) => Promise<CacheUnderTest>;

const namespace = () => `cache-contract-${randomUUID().slice(0, 8)}:`;

async function opened(t: TestContext, open: OpenCache, ns = namespace()): Promise<CacheUnderTest> {
  const target = await open(ns);
  t.after(() => target.close());
  return target;
}

/** Lets a 1-second TTL run out: the injected clock jumps, a real one is polled until `gone` holds. */
async function expire(target: CacheUnderTest, gone: () => Promise<boolean>, what: string): Promise<void> {
  if (target.advance) target.advance(1_001);
  await until(gone, what);
}

const code = (expected: string) => (error: unknown) => isCacheError(error) && error.code === expected;

/**
 * The cache port's contract: what every adapter (Redis, memory) does the same way. Each test uses
 * namespaces of its own, so the suite can run against a shared server.
 */
export function cacheContract(adapter: string, open: OpenCache): void {
  test(`${adapter}: get, set and delete strings`, async (t) => {
    const { cache } = await opened(t, open);
    assert.ok(cache.kind === 'redis' || cache.kind === 'memory');
    assert.equal(await cache.get('a'), undefined);
    await cache.set('a', 'first');
    await cache.set('a', 'second ✓');
    await cache.set('empty', '');
    assert.equal(await cache.get('a'), 'second ✓');
    assert.equal(await cache.get('empty'), '');
    assert.equal(await cache.delete('a'), true);
    assert.equal(await cache.delete('a'), false);
    assert.equal(await cache.get('a'), undefined);
    await cache.setJson('doc', { n: 1, tags: ['x'] });
    assert.deepEqual(await cache.getJson('doc'), { n: 1, tags: ['x'] });
    assert.equal(await cache.getJson('none'), undefined);
  });

  test(`${adapter}: bad arguments are refused with CACHE.INVALID_ARGUMENT`, async (t) => {
    const { cache } = await opened(t, open);
    await assert.rejects(cache.set('k', 'v', { ttlSeconds: 0 }), code('CACHE.INVALID_ARGUMENT'));
    await assert.rejects(cache.set('k', 'v', { ttlSeconds: Number.NaN }), code('CACHE.INVALID_ARGUMENT'));
    await assert.rejects(cache.increment('k', { by: 1.5 }), code('CACHE.INVALID_ARGUMENT'));
    await assert.rejects(open('not a namespace*'), code('CACHE.INVALID_ARGUMENT'));
    assert.equal(await cache.get('k'), undefined, 'nothing written');
  });

  test(`${adapter}: a key expires after its TTL and is never answered after`, async (t) => {
    const target = await opened(t, open);
    const { cache } = target;
    await cache.set('short', 'v', { ttlSeconds: 1 });
    await cache.set('kept', 'v');
    assert.equal(await cache.get('short'), 'v');
    if (target.advance) {
      target.advance(999);
      assert.equal(await cache.get('short'), 'v', 'still there just before its TTL');
    }
    await expire(target, async () => (await cache.get('short')) === undefined, 'the key to expire');
    assert.equal(await cache.ttl('short'), undefined);
    assert.equal(await cache.delete('short'), false, 'an expired key is not there to delete');
    assert.equal(await cache.get('kept'), 'v');
    assert.equal((await cache.stats()).keys, 1, 'an expired key is not counted');
  });

  test(`${adapter}: ttl answers whole seconds left, undefined when missing or without expiry`, async (t) => {
    const target = await opened(t, open);
    const { cache } = target;
    assert.equal(await cache.ttl('missing'), undefined);
    await cache.set('forever', 'v');
    assert.equal(await cache.ttl('forever'), undefined);
    await cache.set('minute', 'v', { ttlSeconds: 60 });
    const left = await cache.ttl('minute');
    assert.ok(left === 60 || left === 59, `60 s or just under, got ${left}`);
    if (target.advance) {
      target.advance(30_000);
      assert.equal(await cache.ttl('minute'), 30);
      target.advance(29_500);
      assert.equal(await cache.ttl('minute'), 1, 'rounded up: a live key has at least 1 s');
    }
    await cache.set('minute', 'again');
    assert.equal(await cache.ttl('minute'), undefined, 'a set without TTL drops the old one (as SET)');
  });

  test(`${adapter}: increments are atomic: 200 concurrent increments count 200`, async (t) => {
    const { cache } = await opened(t, open);
    const results = await Promise.all(Array.from({ length: 200 }, () => cache.increment('hits')));
    assert.equal(await cache.get('hits'), '200');
    assert.deepEqual(
      results.toSorted((a, b) => a - b),
      Array.from({ length: 200 }, (_, i) => i + 1),
      'each increment saw its own value',
    );
    assert.equal(await cache.increment('by', { by: 5 }), 5);
    assert.equal(await cache.increment('by', { by: -7 }), -2);
    await cache.set('text', 'abc');
    await assert.rejects(cache.increment('text'), code('CACHE.NOT_AN_INTEGER'));
    assert.equal(await cache.get('text'), 'abc');
  });

  test(`${adapter}: an increment creates its counter with the TTL and later ones keep it (fixed window)`, async (t) => {
    const target = await opened(t, open);
    const { cache } = target;
    assert.equal(await cache.increment('window', { ttlSeconds: 60 }), 1);
    const first = await cache.ttl('window');
    assert.ok(first === 60 || first === 59, `created with 60 s, got ${first}`);
    target.advance?.(10_000);
    assert.equal(await cache.increment('window', { ttlSeconds: 600 }), 2);
    const kept = await cache.ttl('window');
    assert.ok(kept !== undefined && kept <= 60, `the first TTL kept, got ${kept}`);
    await cache.set('plain', '1');
    assert.equal(await cache.increment('plain', { ttlSeconds: 60 }), 2);
    assert.equal(await cache.ttl('plain'), undefined, 'an existing key gets no TTL from an increment');

    assert.equal(await cache.increment('limit', { ttlSeconds: 1 }), 1);
    assert.equal(await cache.increment('limit', { ttlSeconds: 1 }), 2);
    await expire(target, async () => (await cache.get('limit')) === undefined, 'the window to end');
    assert.equal(await cache.increment('limit', { ttlSeconds: 1 }), 1, 'a new window counts from 1');
    assert.ok((await cache.ttl('limit')) === 1, 'with its own TTL');
  });

  test(`${adapter}: stats count this cache's calls and its keys`, async (t) => {
    const { cache } = await opened(t, open);
    assert.deepEqual(await counted(cache), {
      gets: 0,
      hits: 0,
      misses: 0,
      puts: 0,
      deletes: 0,
      increments: 0,
      hitRate: 0,
      keys: 0,
    });
    await cache.set('a', '1');
    await cache.set('b', '2', { ttlSeconds: 60 });
    await cache.get('a');
    await cache.get('b');
    await cache.get('nope');
    await cache.delete('a');
    await cache.increment('n');
    const stats = await cache.stats();
    assert.deepEqual(await counted(cache), {
      gets: 3,
      hits: 2,
      misses: 1,
      puts: 2,
      deletes: 1,
      increments: 1,
      hitRate: 2 / 3,
      keys: 2,
    });
    assert.ok(
      stats.usedMemoryHuman === undefined || /^\d+(\.\d+)?[BKMGTP]$/.test(stats.usedMemoryHuman),
      stats.usedMemoryHuman,
    );
  });

  test(`${adapter}: namespaces isolate: the same key in two caches is two keys, counted apart`, async (t) => {
    const { cache: a } = await opened(t, open);
    const { cache: b } = await opened(t, open);
    assert.notEqual(a.namespace, b.namespace);
    await a.set('shared', 'from a');
    await b.set('shared', 'from b');
    await a.set('only-a', '1');
    await a.set('only-a-2', '2');
    await b.increment('counter');
    await a.increment('counter', { by: 10 });
    assert.equal(await a.get('shared'), 'from a');
    assert.equal(await b.get('shared'), 'from b');
    assert.equal(await b.get('only-a'), undefined);
    assert.equal(await a.delete('shared'), true);
    assert.equal(await b.get('shared'), 'from b');
    assert.equal(await b.get('counter'), '1');
    assert.equal((await a.stats()).keys, 3);
    assert.equal((await b.stats()).keys, 2);
  });

  test(`${adapter}: ping answers while open; after close every call rejects with CACHE.CLOSED`, async (t) => {
    const { cache } = await opened(t, open);
    assert.ok((await cache.ping()).length > 0);
    await cache.close();
    await cache.close();
    await assert.rejects(cache.get('k'), code('CACHE.CLOSED'));
    await assert.rejects(cache.set('k', 'v'), code('CACHE.CLOSED'));
    await assert.rejects(cache.increment('k'), code('CACHE.CLOSED'));
    await assert.rejects(cache.ping(), code('CACHE.CLOSED'));
  });
}

/** The stats without usedMemoryHuman, which varies. */
async function counted(cache: Cache) {
  const { gets, hits, misses, puts, deletes, increments, hitRate, keys } = await cache.stats();
  return { gets, hits, misses, puts, deletes, increments, hitRate, keys };
}

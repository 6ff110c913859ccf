import { LRUCache } from 'lru-cache';
import { checkKey, checkNamespace, checkValue, incrementBy, parseJson, secondsLeft, ttlMs } from '../arguments.ts';
import { cacheError } from '../errors.ts';
import type { Cache, IncrementOptions, SetOptions } from '../port.ts';
import { cacheStats, callCounts, countGet, humanBytes } from '../stats.ts';

export interface MemoryCacheOptions {
  /** This cache's namespace (`qa:`); its entries are its own in any case, so it only names them. */
  readonly namespace: string;
  /** Entries kept; beyond, the least recently used is evicted (a counter too). @default 10_000 */
  readonly maxEntries?: number;
  /** The clock, in milliseconds, for TTLs; tests pass one they advance. @default performance.now */
  readonly now?: () => number;
}

const integer = /^-?\d+$/;

function counterValue(key: string, text: string): number {
  const value = Number(text);
  if (!integer.test(text) || !Number.isSafeInteger(value)) {
    throw cacheError('CACHE.NOT_AN_INTEGER', `the value at ${JSON.stringify(key)} is not an integer`);
  }
  return value;
}

function checkMax(max: number): number {
  if (!Number.isSafeInteger(max) || max < 1) {
    throw cacheError('CACHE.INVALID_ARGUMENT', `maxEntries must be a positive integer, got ${max}`);
  }
  return max;
}

/** The port's calls on one LRU, synchronous: one process runs them one at a time, so each is atomic. */
function lruCalls(lru: LRUCache<string, string>) {
  return {
    get: (key: string) => lru.get(checkKey(key)),
    set(key: string, value: string, options?: SetOptions) {
      lru.set(checkKey(key), checkValue(value), { ttl: ttlMs(options) });
    },
    delete(key: string) {
      const existed = lru.has(checkKey(key)); // delete() alone answers true for an expired entry too
      lru.delete(key);
      return existed;
    },
    ttl(key: string) {
      if (!lru.has(checkKey(key))) return undefined;
      const ms = lru.getRemainingTTL(key);
      return ms === Infinity ? undefined : secondsLeft(ms);
    },
    increment(key: string, options?: IncrementOptions) {
      const by = incrementBy(options);
      const ttl = ttlMs(options);
      const current = lru.get(checkKey(key));
      if (current === undefined) {
        lru.set(key, String(by), { ttl });
        return by;
      }
      const next = counterValue(key, current) + by;
      if (!Number.isSafeInteger(next)) throw cacheError('CACHE.NOT_AN_INTEGER', `${key} would overflow`);
      lru.set(key, String(next), { noUpdateTTL: true }); // the window keeps its first expiry
      return next;
    },
    /** Live entries, and an estimate of their size (UTF-16 bytes of keys and values). */
    measure() {
      lru.purgeStale();
      let bytes = 0;
      for (const [key, value] of lru.entries()) bytes += 2 * (key.length + value.length);
      return { keys: lru.size, bytes };
    },
  };
}

/**
 * The cache in this process (embedded mode): an LRU with TTL on `lru-cache`. Expired entries are never
 * answered (dropped when met, and before keys are counted); increments are atomic.
 */
export function createMemoryCache(options: MemoryCacheOptions): Cache {
  const namespace = checkNamespace(options.namespace);
  const max = checkMax(options.maxEntries ?? 10_000);
  const clock = options.now;
  // ttlResolution 0: read the clock at every check, never a cached reading (an injected clock moves in jumps).
  const lru = new LRUCache<string, string>({ max, ttlResolution: 0, ...(clock ? { perf: { now: clock } } : {}) });
  const calls = lruCalls(lru);
  const counts = callCounts();
  let closed = false;
  /** A synchronous call as the port's promise: rejected when it throws or the cache is closed. */
  const run = <T>(call: () => T): Promise<T> =>
    new Promise<T>((resolve) => {
      if (closed) throw cacheError('CACHE.CLOSED', `the memory cache ${namespace} is closed`);
      resolve(call()); // a throw in here rejects the promise
    });

  const cache: Cache = {
    kind: 'memory',
    namespace,
    get: (key) => run(() => countGet(counts, calls.get(key))),
    set: (key, value, setOptions) =>
      run(() => {
        calls.set(key, value, setOptions);
        counts.puts += 1;
      }),
    delete: (key) =>
      run(() => {
        const existed = calls.delete(key);
        counts.deletes += 1;
        return existed;
      }),
    ttl: (key) => run(() => calls.ttl(key)),
    increment: (key, incrementOptions) =>
      run(() => {
        const value = calls.increment(key, incrementOptions);
        counts.increments += 1;
        return value;
      }),
    getJson: async <T>(key: string) => parseJson<T>(await cache.get(key)),
    setJson: (key, value, setOptions) => cache.set(key, JSON.stringify(value), setOptions),
    stats: () =>
      run(() => {
        const { keys, bytes } = calls.measure();
        return cacheStats(counts, keys, humanBytes(bytes));
      }),
    ping: () => run(() => `memory ${namespace} (${lru.size}/${max} entries)`),
    close() {
      closed = true;
      lru.clear();
      return Promise.resolve();
    },
  };
  return cache;
}

/** How long a value lives. */
export interface SetOptions {
  /** Seconds until the key expires (fractions allowed, > 0). @default undefined: no expiry */
  readonly ttlSeconds?: number;
}

export interface IncrementOptions {
  /** A safe integer, negative to count down. @default 1 */
  readonly by?: number;
  /**
   * Seconds the counter lives, set only when this increment creates it (a fixed window: later
   * increments keep the first expiry). @default undefined: no expiry
   */
  readonly ttlSeconds?: number;
}

/**
 * What a cache has done and holds. `gets`…`increments` count this cache instance's own successful
 * calls since it was opened, on every adapter (Redis's server counters span every namespace, so they
 * are not used): with several processes on one Redis, each reports its own.
 */
export interface CacheStats {
  /** `get` calls (`getJson` included). */
  readonly gets: number;
  readonly hits: number;
  readonly misses: number;
  /** `set` calls (`setJson` included). */
  readonly puts: number;
  /** `delete` calls, whether or not the key existed. */
  readonly deletes: number;
  /** `increment` calls. */
  readonly increments: number;
  /** hits / gets, 0 before the first get. */
  readonly hitRate: number;
  /** Live keys of this namespace, read from the store at the time of the call. */
  readonly keys: number;
  /**
   * Memory in Redis's human format (`1.23M`). Redis: the whole server's `used_memory_human`; memory:
   * an estimate of this cache's keys and values (UTF-16 bytes).
   */
  readonly usedMemoryHuman?: string;
}

/**
 * The cache-and-counters port: string values with an optional TTL and atomic integer counters, under
 * a namespace (a key prefix such as `qa:`) so caches sharing one server never see each other's keys.
 * Keys are given without the namespace. Values are strings; counters are integer strings, so `get`
 * reads a counter as `'3'`. After `close`, every call rejects with `CACHE.CLOSED`.
 */
export interface Cache {
  readonly kind: 'redis' | 'memory';
  readonly namespace: string;
  /** The value, or undefined when missing or expired. */
  get(key: string): Promise<string | undefined>;
  /** Stores the value, replacing the key's value and TTL (no `ttlSeconds`: no expiry, as Redis SET). */
  set(key: string, value: string, options?: SetOptions): Promise<void>;
  /** Removes the key; true when it existed (and had not expired). */
  delete(key: string): Promise<boolean>;
  /** Whole seconds left, rounded up (a live key answers at least 1); undefined when missing or without TTL. */
  ttl(key: string): Promise<number | undefined>;
  /**
   * Adds `by` to the integer at key atomically and answers the new value; a missing key counts from 0
   * and is created with `ttlSeconds` in the same atomic step. Rejects with `CACHE.NOT_AN_INTEGER` when
   * the key holds something else.
   */
  increment(key: string, options?: IncrementOptions): Promise<number>;
  /** `get`, parsed as JSON (unchecked: validate what you read when it matters). */
  getJson<T>(key: string): Promise<T | undefined>;
  /** `set` of `JSON.stringify(value)`. */
  setJson(key: string, value: unknown, options?: SetOptions): Promise<void>;
  stats(): Promise<CacheStats>;
  /** A round trip to the store, for readiness: answers what it reached (`redis 127.0.0.1:6379`). */
  ping(): Promise<string>;
  /** Releases the connection or the entries; idempotent. */
  close(): Promise<void>;
}

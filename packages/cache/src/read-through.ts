import type { Cache } from './port.ts';

/** Where cache failures are reported: the cache is an optimisation, so they never fail a request. */
export type CacheWarn = (fields: { readonly key: string; readonly err: unknown }, message: string) => void;

export interface ReadThroughOptions {
  readonly cache: Cache;
  /** Key prefix inside the service's namespace, e.g. `usuario:`. */
  readonly prefix: string;
  /** How long an entry may live: the staleness backstop when an invalidation is lost. */
  readonly ttlSeconds: number;
}

/**
 * A read-through cache of one kind of document, by id: a hit answers from the cache; a miss loads
 * from the store and keeps what it found for `ttlSeconds` (nothing is kept for a miss in the store).
 * Writers call `invalidate` after every write. If the cache is down, reads go to the store.
 */
export interface ReadThrough<T> {
  read(id: string, load: () => Promise<T | null>, warn?: CacheWarn): Promise<T | null>;
  invalidate(id: string, warn?: CacheWarn): Promise<void>;
}

export function readThrough<T>(options: ReadThroughOptions): ReadThrough<T> {
  const keyOf = (id: string) => `${options.prefix}${id}`;
  return {
    async read(id, load, warn) {
      const key = keyOf(id);
      const cached = await options.cache.getJson<T>(key).catch((err: unknown) => {
        warn?.({ key, err }, 'cache read failed: reading the store');
        return undefined;
      });
      if (cached !== undefined) return cached;
      const loaded = await load();
      if (loaded !== null) {
        await options.cache.setJson(key, loaded, { ttlSeconds: options.ttlSeconds }).catch((err: unknown) => {
          warn?.({ key, err }, 'cache write failed');
        });
      }
      return loaded;
    },
    async invalidate(id, warn) {
      const key = keyOf(id);
      await options.cache.delete(key).catch((err: unknown) => {
        warn?.({ key, err }, 'cache invalidation failed: the entry may be stale until its TTL');
      });
    },
  };
}

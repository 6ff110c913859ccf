import { Redis } from 'ioredis';
import { checkKey, checkNamespace, checkValue, incrementBy, parseJson, secondsLeft, ttlMs } from '../arguments.ts';
import { cacheError } from '../errors.ts';
import type { Cache, CacheStats } from '../port.ts';
import { cacheStats, callCounts, countGet } from '../stats.ts';
import { incrementScript } from './scripts.ts';

export interface RedisCacheOptions {
  /** `redis://[user:password@]host:port[/db]` */
  readonly url: string;
  /** The key prefix of this cache (`qa:`): every key it reads, writes and counts starts with it. */
  readonly namespace: string;
  /** How long opening waits for the server to connect and be ready. @default 10_000 */
  readonly connectTimeoutMs?: number;
  /** How long `ping` waits for the answer before the readiness check fails. @default 2000 */
  readonly pingTimeoutMs?: number;
  /**
   * Connection errors (ioredis reconnects by itself; commands fail meanwhile and `ping` says so).
   * @default ignore them
   */
  readonly onError?: (error: Error) => void;
}

/** The client with the increment script defined on it (EVALSHA, falling back to EVAL once). */
type ScriptedRedis = Redis & {
  cacheIncrement(key: string, by: number, ttlMs: number): Promise<number>;
};

async function connect(options: RedisCacheOptions, server: string): Promise<ScriptedRedis> {
  const redis = new Redis(options.url, {
    lazyConnect: true,
    connectionName: `eventflow-cache:${options.namespace}`,
  });
  redis.on('error', options.onError ?? (() => undefined));
  let refused: Error | undefined; // connect() itself rejects with only "Connection is closed."
  const remember = (error: Error) => void (refused = error);
  redis.on('error', remember);
  redis.defineCommand('cacheIncrement', { numberOfKeys: 1, lua: incrementScript });
  try {
    await within(redis.connect(), options.connectTimeoutMs ?? 10_000, server);
  } catch (error) {
    redis.disconnect();
    if (refused === undefined) throw error;
    throw new Error(`${server} did not answer: ${refused.message}`, { cause: refused });
  } finally {
    redis.off('error', remember);
  }
  return redis as ScriptedRedis;
}

/** Counts the namespace's keys with SCAN (never KEYS), each once even when SCAN repeats one. */
async function countKeys(redis: Redis, namespace: string): Promise<number> {
  const seen = new Set<string>();
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${namespace}*`, 'COUNT', 1000);
    for (const key of keys) seen.add(key);
    cursor = next;
  } while (cursor !== '0');
  return seen.size;
}

async function usedMemoryHuman(redis: Redis): Promise<string | undefined> {
  return /^used_memory_human:(\S+)/m.exec(await redis.info('memory'))?.[1];
}

/** Redis's refusal of INCRBY on a non-integer (or past 64 bits) as the port's error. */
function counterError(key: string, error: unknown): unknown {
  if (!(error instanceof Error) || !/not an integer|overflow/.test(error.message)) return error;
  return cacheError('CACHE.NOT_AN_INTEGER', `the value at ${JSON.stringify(key)} is not an integer`, { cause: error });
}

async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The cache on Redis (distributed mode): one connection, every key under the namespace, increments
 * as one Lua script, keys counted with SCAN MATCH `<namespace>*`. Connects before it resolves.
 */
export async function openRedisCache(options: RedisCacheOptions): Promise<Cache> {
  const namespace = checkNamespace(options.namespace);
  const server = `redis ${new URL(options.url).host}`;
  const redis = await connect({ ...options, namespace }, server);
  const counts = callCounts();
  const full = (key: string) => `${namespace}${checkKey(key)}`;
  let closed = false;
  const live = (): void => {
    if (closed) throw cacheError('CACHE.CLOSED', `the Redis cache ${namespace} is closed`);
  };

  const cache: Cache = {
    kind: 'redis',
    namespace,
    async get(key) {
      live();
      return countGet(counts, (await redis.get(full(key))) ?? undefined);
    },
    async set(key, value, setOptions) {
      live();
      const ttl = ttlMs(setOptions);
      const args = [full(key), checkValue(value)] as const;
      await (ttl > 0 ? redis.set(...args, 'PX', ttl) : redis.set(...args));
      counts.puts += 1;
    },
    async delete(key) {
      live();
      const removed = await redis.del(full(key));
      counts.deletes += 1;
      return removed > 0;
    },
    async ttl(key) {
      live();
      const ms = await redis.pttl(full(key)); // -2 missing, -1 no expiry
      return ms < 0 ? undefined : secondsLeft(ms);
    },
    async increment(key, incrementOptions) {
      live();
      const by = incrementBy(incrementOptions);
      const ttl = ttlMs(incrementOptions);
      const value = await redis.cacheIncrement(full(key), by, ttl).catch((error: unknown) => {
        throw counterError(key, error);
      });
      counts.increments += 1;
      return value;
    },
    getJson: async <T>(key: string) => parseJson<T>(await cache.get(key)),
    setJson: (key, value, setOptions) => cache.set(key, JSON.stringify(value), setOptions),
    async stats(): Promise<CacheStats> {
      live();
      const [keys, memory] = await Promise.all([countKeys(redis, namespace), usedMemoryHuman(redis)]);
      return cacheStats(counts, keys, memory);
    },
    async ping() {
      live();
      await within(redis.ping(), options.pingTimeoutMs ?? 2000, server);
      return server;
    },
    async close() {
      if (closed) return;
      closed = true;
      await redis.quit().catch(() => redis.disconnect());
    },
  };
  return cache;
}

import type { Redis } from 'ioredis';
import { markCounter } from '../event-mark.ts';
import type { ReadModel } from '../projection.ts';
import { guardedHashChange } from './script.ts';

/** A change to one hash: fields set, integer fields incremented, or the hash removed. */
export interface HashChange {
  readonly set?: Readonly<Record<string, string | number>>;
  readonly increment?: Readonly<Record<string, number>>;
  readonly remove?: boolean;
}

/** What a Redis handler writes through, for one event. */
export interface RedisContext {
  /** For reads, and for writes you make idempotent yourself. */
  readonly redis: Redis;
  /** The full key of hash `id`: the read model's prefix, then the id. */
  readonly key: (id: string) => string;
  /**
   * Changes hash `id` atomically (one Lua script) unless it already took this write: idempotent. The
   * hash keeps the write's mark in its `_eventMark` field. Resolves false when skipped.
   */
  readonly hash: (id: string, change: HashChange) => Promise<boolean>;
}

export interface RedisReadModelOptions {
  /** Every hash of the read model is `<prefix><id>`; a rebuild deletes the keys with this prefix. */
  readonly prefix: string;
}

const legalPrefix = /^[A-Za-z0-9:_.-]{1,200}$/;

async function deleteByPrefix(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}

function checkChange(change: HashChange): void {
  for (const [field, by] of Object.entries(change.increment ?? {})) {
    if (!Number.isSafeInteger(by)) throw new RangeError(`increment of ${field} must be an integer, got ${by}`);
  }
}

/**
 * A read model of Redis hashes (distributed mode), written as handlers run and checkpointed after:
 * each change carries the event's mark and a hash that already took it skips it (see eventMark).
 */
export function redisReadModel(redis: Redis, options: RedisReadModelOptions): ReadModel<RedisContext> {
  if (!legalPrefix.test(options.prefix)) throw new RangeError(`illegal key prefix ${JSON.stringify(options.prefix)}`);
  const key = (id: string): string => `${options.prefix}${id}`;
  return {
    kind: 'redis',
    context(_tx, event) {
      const nextMark = markCounter(event);
      return {
        redis,
        key,
        async hash(id, change) {
          checkChange(change);
          const applied = await redis.eval(guardedHashChange, 1, key(id), nextMark(), JSON.stringify(change));
          return applied === 1;
        },
      };
    },
    clear: () => deleteByPrefix(redis, options.prefix),
  };
}

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { Redis } from 'ioredis';
import { connectionSettings } from '../settings.ts';
import { waitFor } from '../wait.ts';

test('Redis: SET with a TTL, GET it back, and it expires', async (t) => {
  const redis = new Redis(connectionSettings().redisUrl);
  t.after(() => redis.quit());
  const key = `it:ttl:${randomUUID()}`;

  assert.equal(await redis.set(key, 'hello', 'PX', 1500), 'OK');
  assert.equal(await redis.get(key), 'hello');
  const ttl = await redis.pttl(key);
  assert.ok(ttl > 0 && ttl <= 1500, `TTL ${ttl} ms is set`);

  await waitFor(async () => (await redis.exists(key)) === 0, { what: 'key to expire', timeoutMs: 10_000 });
  assert.equal(await redis.get(key), null);
});

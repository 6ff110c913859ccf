import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { Redis } from 'ioredis';
import { cacheContract } from '../testing/index.ts';
import { openRedisCache } from './redis-cache.ts';

const url = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
/** A connection of the test's own, to look at the server and remove each namespace's keys after. */
const admin = new Redis(url, { lazyConnect: true });
before(() => admin.connect());
after(() => admin.quit());

async function deleteNamespace(namespace: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await admin.scan(cursor, 'MATCH', `${namespace}*`, 'COUNT', 1000);
    if (keys.length > 0) await admin.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
}

cacheContract('redis', async (namespace) => {
  const cache = await openRedisCache({ url, namespace });
  return {
    cache,
    async close() {
      await cache.close();
      await deleteNamespace(namespace);
    },
  };
});

const namespace = () => `cache-int-${randomUUID().slice(0, 8)}:`;

test('redis: keys live on the server under the namespace; an incremented counter has its TTL there', async (t) => {
  const ns = namespace();
  const cache = await openRedisCache({ url, namespace: ns });
  t.after(async () => {
    await cache.close();
    await deleteNamespace(ns);
  });
  await cache.set('k', 'v', { ttlSeconds: 30 });
  await cache.increment('rate:user-1', { ttlSeconds: 60 });
  assert.equal(await admin.get(`${ns}k`), 'v');
  assert.equal(await admin.get(`${ns}rate:user-1`), '1');
  const pttl = await admin.pttl(`${ns}rate:user-1`);
  assert.ok(pttl > 59_000 && pttl <= 60_000, `TTL set with the counter, got ${pttl} ms`);
  assert.match(await cache.ping(), /^redis \S+:\d+$/);
});

test('redis: keys counts past one SCAN batch, and only its own namespace', async (t) => {
  const [ns, other] = [namespace(), namespace()];
  const cache = await openRedisCache({ url, namespace: ns });
  t.after(async () => {
    await cache.close();
    await Promise.all([deleteNamespace(ns), deleteNamespace(other)]);
  });
  const pipeline = admin.pipeline();
  for (let i = 0; i < 2_500; i += 1) pipeline.set(`${ns}key-${i}`, 'v');
  for (let i = 0; i < 10; i += 1) pipeline.set(`${other}key-${i}`, 'v');
  await pipeline.exec();
  const stats = await cache.stats();
  assert.equal(stats.keys, 2_500);
  assert.match(stats.usedMemoryHuman ?? '', /^\d+(\.\d+)?[BKMGTP]$/);
});

test('redis: opening against a server that does not answer rejects', async () => {
  await assert.rejects(openRedisCache({ url: 'redis://127.0.0.1:1', namespace: namespace() }), /ECONNREFUSED/);
});

test('redis: opening against a server that accepts but never answers rejects at its deadline', async (t) => {
  const silent = createServer((socket) => t.after(() => socket.destroy())).listen(0, '127.0.0.1');
  t.after(() => silent.close());
  await once(silent, 'listening');
  const { port } = silent.address() as AddressInfo;
  const opening = openRedisCache({ url: `redis://127.0.0.1:${port}`, namespace: namespace(), connectTimeoutMs: 300 });
  await assert.rejects(opening, /did not answer within 300 ms/);
});

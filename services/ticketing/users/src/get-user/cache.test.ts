// The read-through cache of users: a read keeps the user, a write drops it, the TTL bounds the rest.
// The document is changed behind the service's back to tell a cached answer from a fresh one.
import assert from 'node:assert/strict';
import { seal } from '@eventflow/privacy';
import { test } from 'node:test';
import { injectJson } from '@eventflow/service/testing';
import { samplePurchase, sampleUser } from '../testing/samples.ts';
import { purchasesPath, usersApp } from '../testing/users-app.ts';
import type { UserView } from '../users/user.ts';

async function createdUser(app: Awaited<ReturnType<typeof usersApp>>['app']): Promise<UserView> {
  const created = await injectJson<UserView>(app, { method: 'POST', url: '/api/usuarios', payload: sampleUser() });
  assert.equal(created.statusCode, 201, created.text);
  return created.body;
}

const read = (app: Awaited<ReturnType<typeof usersApp>>['app'], id: string) =>
  injectJson<UserView>(app, { method: 'GET', url: `/api/usuarios/${id}` });

test('a read keeps the user in the cache until its TTL; a purchase drops it at once', async (t) => {
  const { app, users, cache, dataKeys, advanceCache } = await usersApp(t, { ttlSeconds: 30 });
  // A name written behind the service's back, sealed as the service seals it.
  const rename = async (id: string, nombre: string) => {
    const dataKey = await dataKeys.get(id);
    assert.ok(dataKey !== undefined);
    await users.updateOne({ _id: id }, { $set: { 'personales.nombre': seal(dataKey, nombre, `${id}/nombre`) } });
  };
  const user = await createdUser(app);
  assert.equal(await cache.get(`usuario:${user.usuario_id}`), undefined, 'a creation caches nothing');

  assert.equal((await read(app, user.usuario_id)).statusCode, 200);
  assert.ok(await cache.get(`usuario:${user.usuario_id}`), 'the read kept it');
  const ttl = await cache.ttl(`usuario:${user.usuario_id}`);
  assert.ok(ttl !== undefined && ttl <= 30, `with the configured TTL (${ttl})`);

  // Behind the service's back: the cached answer is what the read sees.
  await rename(user.usuario_id, 'Augusta');
  assert.equal((await read(app, user.usuario_id)).body.nombre, 'Ada', 'answered from the cache');

  const purchase = samplePurchase();
  const added = await injectJson(app, {
    method: 'POST',
    url: await purchasesPath(app, user.usuario_id),
    payload: purchase,
  });
  assert.equal(added.statusCode, 201, added.text);
  assert.equal(await cache.get(`usuario:${user.usuario_id}`), undefined, 'the write dropped the entry');
  const after = (await read(app, user.usuario_id)).body;
  assert.deepEqual(after.compras, [purchase], 'the next read sees the purchase');
  assert.equal(after.nombre, 'Augusta', 'and everything else the store holds');

  await rename(user.usuario_id, 'Ada');
  assert.equal((await read(app, user.usuario_id)).body.nombre, 'Augusta', 'cached again');
  advanceCache(31);
  assert.equal((await read(app, user.usuario_id)).body.nombre, 'Ada', 'past its TTL the store answers');
});

test('a repeated purchase changes nothing and keeps the cache entry', async (t) => {
  const { app, cache } = await usersApp(t);
  const user = await createdUser(app);
  const purchase = samplePurchase();
  const url = await purchasesPath(app, user.usuario_id);
  assert.equal((await injectJson(app, { method: 'POST', url, payload: purchase })).statusCode, 201);
  await read(app, user.usuario_id);
  const repeat = await injectJson<{ compras: unknown[] }>(app, { method: 'POST', url, payload: purchase });
  assert.equal(repeat.statusCode, 200);
  assert.deepEqual(repeat.body.compras, [purchase]);
  assert.ok(await cache.get(`usuario:${user.usuario_id}`), 'nothing written, nothing invalidated');
});

test('reads still answer, from the store, when the cache is down', async (t) => {
  const { app, cache, logs } = await usersApp(t);
  const user = await createdUser(app);
  await cache.close();
  const answer = await read(app, user.usuario_id);
  assert.equal(answer.statusCode, 200, answer.text);
  assert.equal(answer.body.usuario_id, user.usuario_id);
  const added = await injectJson(app, {
    method: 'POST',
    url: await purchasesPath(app, user.usuario_id),
    payload: samplePurchase(),
  });
  assert.equal(added.statusCode, 201, 'a write does not fail because its invalidation did');
  assert.ok(logs.lines.some((line) => /cache read failed/.test(String(line['msg']))));
  assert.ok(logs.lines.some((line) => /cache invalidation failed/.test(String(line['msg']))));
});

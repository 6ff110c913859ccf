// The right to erasure by crypto-shredding, and master key rotation of the people's data keys.
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { openTestDocumentStore } from '@eventflow/docstore/testing';
import { open, parseKeyring, PrivacyError } from '@eventflow/privacy';
import { assertProblem, injectJson } from '@eventflow/service/testing';
import { samplePurchase, sampleUser } from '../testing/samples.ts';
import { purchasesPath, usersApp } from '../testing/users-app.ts';
import { DataKeys } from '../users/data-keys.ts';
import type { UserView } from '../users/user.ts';

test('DELETE /api/usuarios/{id}: the data key is destroyed, the person unreadable everywhere, the purchases kept', async (t) => {
  const { app, users, cache, dataKeys } = await usersApp(t);
  const person = sampleUser();
  const created = await injectJson<UserView>(app, { method: 'POST', url: '/api/usuarios', payload: person });
  assert.equal(created.statusCode, 201);
  const id = created.body.usuario_id;
  const purchase = samplePurchase();
  const bought = await injectJson(app, { method: 'POST', url: await purchasesPath(app, id), payload: purchase });
  assert.equal(bought.statusCode, 201);
  assert.equal((await injectJson(app, { method: 'GET', url: `/api/usuarios/${id}` })).statusCode, 200);
  assert.ok(await cache.get(`usuario:${id}`), 'cached by the read');
  // A backup taken before the erasure: the document as stored.
  const backup = await users.findOne({ _id: id });
  assert.ok(backup?.personales);

  const erased = await injectJson<{ usuario_id: string; borrado_en: string }>(app, {
    method: 'DELETE',
    url: `/api/usuarios/${id}`,
  });
  assert.equal(erased.statusCode, 200, erased.text);
  assert.equal(erased.body.usuario_id, id);
  assertProblem(await injectJson(app, { method: 'GET', url: `/api/usuarios/${id}` }), {
    status: 410,
    code: 'USUARIO.BORRADO',
  });
  const cached = await cache.get(`usuario:${id}`);
  assert.ok(
    cached === undefined || (JSON.parse(String(cached)) as { personales: unknown }).personales === null,
    'the cache let go of it',
  );

  // The key is gone: the backup's sealed fields open for nobody (the platform's keys included).
  assert.equal(await dataKeys.get(id), undefined);
  const { nro_documento, nombre, apellido, email } = backup.personales;
  for (const value of [nro_documento, nombre, apellido, email]) {
    assert.throws(() => open(randomBytes(32), value, `${id}/email`), PrivacyError);
    assert.ok(!value.includes(person.email) && !value.includes(person.nombre));
  }
  const after = await users.findOne({ _id: id });
  assert.equal(after?.personales, null, 'the document lets go of the sealed fields');
  assert.deepEqual(after?.compras, [purchase], 'the purchases stay: anonymous figures');
  assert.ok(!JSON.stringify(after).includes(person.email.toLowerCase()));

  // Again: the same answer. Unknown: 404. The person may register again (the blind indexes let go).
  const again = await injectJson<{ borrado_en: string }>(app, { method: 'DELETE', url: `/api/usuarios/${id}` });
  assert.equal(again.statusCode, 200);
  assert.equal(again.body.borrado_en, erased.body.borrado_en);
  assertProblem(await injectJson(app, { method: 'DELETE', url: `/api/usuarios/${randomUUID()}` }), {
    status: 404,
    code: 'USUARIO.NO_EXISTE',
  });
  const back = await injectJson<UserView>(app, { method: 'POST', url: '/api/usuarios', payload: person });
  assert.equal(back.statusCode, 201, back.text);
  assert.notEqual(back.body.usuario_id, id);
});

test('rotation: data keys are rewrapped under the new master key; the old one can then be retired', async (t) => {
  const store = await openTestDocumentStore();
  t.after(() => store.close());
  const b64 = () => randomBytes(32).toString('base64');
  const [k1, k2, index] = [b64(), b64(), b64()];
  const before = await DataKeys.open(store.store, parseKeyring({ masterKeys: `k1:${k1}`, indexKey: index }));
  const owners = ['a', 'b', 'c'];
  const keys = await Promise.all(owners.map((owner) => before.create(owner, new Date())));

  const during = await DataKeys.open(
    store.store,
    parseKeyring({ masterKeys: `k1:${k1},k2:${k2}`, currentId: 'k2', indexKey: index }),
  );
  assert.deepEqual(await during.rewrapAll(), { checked: 3, rewrapped: 3 });
  assert.deepEqual(await during.rewrapAll(), { checked: 3, rewrapped: 0 }, 'again: nothing to do');

  const after = await DataKeys.open(store.store, parseKeyring({ masterKeys: `k2:${k2}`, indexKey: index }));
  for (const [i, owner] of owners.entries()) assert.deepEqual(await after.get(owner), keys[i], `${owner}'s key`);
});

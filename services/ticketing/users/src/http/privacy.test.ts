// No personal data leaves the users service except in the answers to its own callers: not in log
// lines, not in operation records, not on the bus. A user's every personal field is looked for.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eventually } from '@eventflow/bus/testing';
import { injectJson } from '@eventflow/service/testing';
import { samplePurchase, sampleUser } from '../testing/samples.ts';
import { purchasesPath, usersApp } from '../testing/users-app.ts';
import type { UserView } from '../users/user.ts';

test('creating, reading and refusing a user logs, records and publishes ids, never the person', async (t) => {
  const { app, bus, logs, operations } = await usersApp(t);
  const person = sampleUser({ nombre: 'Grace Brewster', apellido: 'Hopper', nro_documento: 'HOPPER-1906' });
  const created = await injectJson<UserView>(app, { method: 'POST', url: '/api/usuarios', payload: person });
  assert.equal(created.statusCode, 201);
  const id = created.body.usuario_id;
  assert.equal((await injectJson(app, { method: 'POST', url: '/api/usuarios', payload: person })).statusCode, 409);
  const invalid = { ...person, email: 'Grace Hopper at home' };
  assert.equal((await injectJson(app, { method: 'POST', url: '/api/usuarios', payload: invalid })).statusCode, 400);
  await injectJson(app, { method: 'GET', url: `/api/usuarios/${id}` });
  await injectJson(app, { method: 'POST', url: await purchasesPath(app, id), payload: samplePurchase() });

  const personal = [person.nombre, person.apellido, person.nro_documento, person.email, 'Grace Hopper'];
  const leaks = (where: string, text: string) => {
    for (const value of personal) assert.ok(!text.includes(value), `${where} carries ${value}: ${text}`);
  };
  assert.ok(
    logs.lines.some((line) => line['usuario_id'] === id),
    'the logs name the user by id',
  );
  for (const line of logs.lines) leaks('a log line', JSON.stringify(line));

  // The operation log ships off the request path: wait for the last request's record.
  await eventually(() => operations.length >= 4, 'the operation records');
  const creation = operations.find((r) => r.endpoint === 'POST /api/usuarios' && r.success);
  assert.deepEqual(JSON.parse(creation?.payload ?? '{}'), {
    tipo_documento: 'DNI',
    usuario_id: id,
  });
  for (const record of operations) leaks('an operation record', JSON.stringify(record));

  assert.deepEqual(Object.keys(bus.published[0]?.message.value ?? {}).sort(), [
    'creado_en',
    'tipo_documento',
    'usuario_seudonimo',
  ]);
  // Not even the id: other services know the person by pseudonym only.
  for (const published of bus.published) assert.ok(!JSON.stringify(published).includes(id), 'the id on the bus');
  for (const published of bus.published) leaks('a bus message', JSON.stringify(published));
});

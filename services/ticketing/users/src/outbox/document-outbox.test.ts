// The outbox inside each user's document (@eventflow/docstore/outbox, whose own tests cover the
// outbox itself): creating a user and adding a purchase put their messages in the document with the
// change, a request publishes them when the bus takes them, and the service's sweeper sends the rest.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eventually } from '@eventflow/bus/testing';
import { DocumentOutbox } from '@eventflow/docstore/outbox';
import { injectJson } from '@eventflow/service/testing';
import { usuariosTopic, type UsuarioCreado } from '@eventflow/ticketing-contracts';
import { samplePurchase, sampleUser } from '../testing/samples.ts';
import { purchasesPath, usersApp } from '../testing/users-app.ts';
import type { UserView } from '../users/user.ts';

test('with the bus down a user is still created; its UsuarioCreado waits in the document for the sweeper', async (t) => {
  const { app, users, bus, logs } = await usersApp(t);
  bus.down = true;
  const created = await injectJson<UserView>(app, { method: 'POST', url: '/api/usuarios', payload: sampleUser() });
  assert.equal(created.statusCode, 201, created.text);
  const id = created.body.usuario_id;
  const purchase = samplePurchase();
  const path = await purchasesPath(app, id);
  const seudonimo = path.split('/')[3];
  const added = await injectJson(app, { method: 'POST', url: path, payload: purchase });
  assert.equal(added.statusCode, 201, added.text);
  assert.equal(bus.published.length, 0);
  assert.ok(logs.lines.some((line) => line['msg'] === 'outbox: message left for the sweeper'));

  const stored = await users.findOne({ _id: id });
  assert.equal(stored?.outbox_size, 2);
  const pending = Object.values(stored.outbox ?? {}).map((m) => m.type);
  assert.deepEqual(pending.sort(), ['CompraRegistrada', 'UsuarioCreado']);

  const outbox = new DocumentOutbox({ collection: users, bus, topics: [usuariosTopic] });
  bus.down = false;
  assert.equal(await outbox.sweep(new Date(Date.now() + 60_000)), 2);
  assert.deepEqual(
    bus.published.map((p) => [p.message.type, p.message.key]),
    [
      ['UsuarioCreado', seudonimo],
      ['CompraRegistrada', seudonimo],
    ],
    'in the order they were written, keyed by the user’s pseudonym',
  );
  assert.deepEqual(
    bus.published.map((p) => p.message.messageId).sort(),
    Object.keys(stored.outbox ?? {}).sort(),
    'with the ids given at the write (consumers may deduplicate by them)',
  );
  assert.equal((await users.findOne({ _id: id }))?.outbox_size, 0);
});

test('with the bus up, the request publishes and leaves no pending message', async (t) => {
  const { app, users, bus } = await usersApp(t);
  const created = await injectJson<UserView>(app, { method: 'POST', url: '/api/usuarios', payload: sampleUser() });
  assert.equal(created.statusCode, 201);
  assert.equal(bus.published.length, 1);
  const stored = await users.findOne({ _id: created.body.usuario_id });
  assert.equal(stored?.outbox_size, 0);
  assert.deepEqual(stored.outbox, {});
});

test('the sweeper, running in the service, sends what the bus refused once the bus is back', async (t) => {
  const { app, users, bus } = await usersApp(t, { sweepSeconds: 1 });
  bus.down = true;
  const created = await injectJson<UserView>(app, { method: 'POST', url: '/api/usuarios', payload: sampleUser() });
  assert.equal(created.statusCode, 201);
  bus.down = false;
  await eventually(() => bus.published.length === 1, 'the sweeper to send UsuarioCreado');
  const sent = bus.published[0]?.message;
  assert.equal((sent?.value as UsuarioCreado).usuario_seudonimo, sent?.key, 'keyed by pseudonym');
  await eventually(
    async () => (await users.findOne({ _id: created.body.usuario_id }))?.outbox_size === 0,
    'the message out of the outbox',
  );
});

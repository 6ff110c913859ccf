// The users service as users reach it: through the gateway of an embedded platform (and its
// /internal routes directly, as the reservations saga calls them), with UsuarioCreado and
// CompraRegistrada read back from the platform's bus.
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { test, type TestContext } from 'node:test';
import { collect, eventually } from '@eventflow/bus/testing';
import { cleanupStack } from '@eventflow/eventstore/testing';
import { gateway } from '@eventflow/gateway/descriptor';
import { embeddedPlatform } from '@eventflow/host/testing';
import { assertProblem, fetchJson } from '@eventflow/service/testing';
import { usuariosTopic, type CompraRegistrada, type Seudonimo } from '@eventflow/ticketing-contracts';
import { users } from './descriptor.ts';
import { samplePurchase, sampleUser } from './testing/samples.ts';
import type { NewUser, UserView } from './users/user.ts';

async function platform(t: TestContext) {
  const running = await embeddedPlatform(t, [gateway, users]);
  const create = (body: unknown) => fetchJson<UserView>(`${running.url}/api/usuarios`, { body });
  const purchases = (seudonimo: string) => `${running.urlOf('users')}/internal/seudonimos/${seudonimo}/compras`;
  const pseudonymOf = async (id: string) =>
    (await fetchJson<Seudonimo>(`${running.urlOf('users')}/internal/usuarios/${id}/seudonimo`)).body.usuario_seudonimo;
  return { ...running, create, purchases, pseudonymOf };
}

test('a user is created, read back through its Location, and announced without personal data', async (t) => {
  const { url, bus, create, pseudonymOf } = await platform(t);
  const collected = await collect(bus, usuariosTopic);
  cleanupStack(t)(() => collected.subscription.close());
  const input = sampleUser({
    nombre: '  Ada ',
    apellido: ' King  ',
    email: `Ada.${randomUUID().slice(0, 8)}@Example.ORG`,
  });

  const created = await create(input);
  assert.equal(created.statusCode, 201, created.text);
  const user = created.body;
  assert.match(user.usuario_id, /^[0-9a-f-]{36}$/);
  assert.equal(created.headers['location'], `/api/usuarios/${user.usuario_id}`);
  assert.deepEqual(
    { ...user, usuario_id: undefined, creado_en: undefined },
    {
      ...input,
      nombre: 'Ada',
      apellido: 'King',
      email: input.email.toLowerCase(),
      usuario_id: undefined,
      creado_en: undefined,
      compras: [],
    },
    'names trimmed, email lower-cased, no purchases yet',
  );
  assert.ok(Math.abs(Date.parse(user.creado_en) - Date.now()) < 600_000, 'created now');

  const read = await fetchJson<UserView>(`${url}${created.headers['location']}`);
  assert.equal(read.statusCode, 200);
  assert.deepEqual(read.body, user);

  // Announced by pseudonym: other services never learn the user's id.
  const seudonimo = await pseudonymOf(user.usuario_id);
  assert.match(seudonimo, /^[A-Za-z0-9_-]{32}$/);
  assert.ok(!seudonimo.includes(user.usuario_id));
  const message = await eventually(
    () => collected.received.find((m) => m.key === seudonimo),
    'UsuarioCreado on ticketing.usuarios',
  );
  assert.equal(message.headers.type, 'UsuarioCreado');
  assert.deepEqual(message.value, {
    usuario_seudonimo: seudonimo,
    tipo_documento: input.tipo_documento,
    creado_en: user.creado_en,
  });
});

test('a second user with the same document, or the same email, is 409 USUARIO.DUPLICADO naming which', async (t) => {
  const { create } = await platform(t);
  const first = sampleUser({ tipo_documento: 'RUT', nro_documento: `${randomUUID().slice(0, 8)}-k` });
  assert.equal((await create(first)).statusCode, 201);

  const sameDocument = await create(
    sampleUser({ tipo_documento: 'RUT', nro_documento: first.nro_documento.toUpperCase() }),
  );
  const byDocument = assertProblem(sameDocument, { status: 409, code: 'USUARIO.DUPLICADO' });
  assert.equal(byDocument['campo'], 'documento', 'the document number is compared upper-cased');

  const sameEmail = await create(sampleUser({ email: first.email.toUpperCase() }));
  const byEmail = assertProblem(sameEmail, { status: 409, code: 'USUARIO.DUPLICADO' });
  assert.equal(byEmail['campo'], 'email', 'the email is compared lower-cased');

  const otherType = await create(sampleUser({ tipo_documento: 'Pasaporte', nro_documento: first.nro_documento }));
  assert.equal(otherType.statusCode, 201, 'the same number under another document type is another document');
});

test('20 concurrent creations with one email: exactly one 201, the others 409 by email', async (t) => {
  const { create } = await platform(t);
  const email = `race.${randomUUID().slice(0, 8)}@example.org`;
  const answers = await Promise.all(Array.from({ length: 20 }, () => create(sampleUser({ email }))));
  assert.equal(answers.filter((a) => a.statusCode === 201).length, 1);
  for (const answer of answers.filter((a) => a.statusCode !== 201)) {
    assert.equal(assertProblem(answer, { status: 409, code: 'USUARIO.DUPLICADO' })['campo'], 'email');
  }
});

test('each bad field is a 400 problem naming it', async (t) => {
  const { create } = await platform(t);
  const cases: ReadonlyArray<readonly [string, Record<string, unknown>, string]> = [
    ['unknown document type', { tipo_documento: 'Carnet' }, '/tipo_documento'],
    ['document number with a space', { nro_documento: '12 34' }, '/nro_documento'],
    ['document number of 31', { nro_documento: '1'.repeat(31) }, '/nro_documento'],
    ['empty document number', { nro_documento: '' }, '/nro_documento'],
    ['empty name', { nombre: '' }, '/nombre'],
    ['blank name', { nombre: '   ' }, '/nombre'],
    ['name of 101', { nombre: 'a'.repeat(101) }, '/nombre'],
    ['blank surname', { apellido: ' \t ' }, '/apellido'],
    ['surname of 101', { apellido: 'a'.repeat(101) }, '/apellido'],
    ['email without @', { email: 'ada.example.org' }, '/email'],
    ['name not a string', { nombre: 42 }, '/nombre'],
  ];
  for (const [what, change, pointer] of cases) {
    const answer = await create({ ...sampleUser(), ...change });
    const problem = assertProblem(answer, { status: 400, code: 'REQUEST.VALIDATION_FAILED' });
    assert.equal(problem.errors?.[0]?.pointer, pointer, what);
  }
  for (const field of ['tipo_documento', 'nro_documento', 'nombre', 'apellido', 'email'] as const) {
    const input: Partial<NewUser> = sampleUser();
    delete input[field];
    const problem = assertProblem(await create(input), { status: 400, code: 'REQUEST.VALIDATION_FAILED' });
    assert.match(problem.detail, new RegExp(field), `missing ${field}`);
  }
  assertProblem(await create({ ...sampleUser(), rol: 'admin' }), { status: 400, code: 'REQUEST.VALIDATION_FAILED' });
});

test('reading: an id that is not a UUID is 400, an unknown one 404 USUARIO.NO_EXISTE', async (t) => {
  const { url } = await platform(t);
  assertProblem(await fetchJson(`${url}/api/usuarios/not-a-uuid`), { status: 400, code: 'REQUEST.VALIDATION_FAILED' });
  assertProblem(await fetchJson(`${url}/api/usuarios/${randomUUID()}`), { status: 404, code: 'USUARIO.NO_EXISTE' });
});

test('purchases: added once per reservation, seen by the next read, announced once', async (t) => {
  const { url, bus, create, purchases, pseudonymOf } = await platform(t);
  const collected = await collect(bus, usuariosTopic);
  cleanupStack(t)(() => collected.subscription.close());
  const user = (await create(sampleUser())).body;
  const seudonimo = await pseudonymOf(user.usuario_id);
  const before = await fetchJson<UserView>(`${url}/api/usuarios/${user.usuario_id}`);
  assert.deepEqual(before.body.compras, [], 'read (and cached) before the purchase');

  const purchase = samplePurchase();
  const added = await fetchJson<{ usuario_seudonimo: string; compras: unknown[] }>(purchases(seudonimo), {
    body: purchase,
  });
  assert.equal(added.statusCode, 201, added.text);
  assert.deepEqual(added.body, { usuario_seudonimo: seudonimo, compras: [purchase] });
  const after = await fetchJson<UserView>(`${url}/api/usuarios/${user.usuario_id}`);
  assert.deepEqual(after.body.compras, [purchase], 'the cached user was invalidated by the write');

  const repeat = await fetchJson<{ compras: unknown[] }>(purchases(seudonimo), {
    body: { ...purchase, fecha: new Date().toISOString() },
  });
  assert.equal(repeat.statusCode, 200, 'a repeat (even stamped anew) is 200');
  assert.deepEqual(repeat.body.compras, [purchase], 'and adds nothing');
  const changed = await fetchJson(purchases(seudonimo), { body: { ...purchase, cantidad: 3 } });
  assertProblem(changed, { status: 409, code: 'USUARIO.COMPRA_DISTINTA' });

  const second = samplePurchase();
  assert.equal((await fetchJson(purchases(seudonimo), { body: second })).statusCode, 201);
  // One partition per user keeps its messages in order: once the second purchase's is here, a
  // message of the repeat would have arrived before it.
  await eventually(
    () => collected.received.some((m) => (m.value as CompraRegistrada).reserva_id === second.reserva_id),
    'the second CompraRegistrada',
  );
  const announced = collected.received.filter((m) => m.key === seudonimo && m.headers.type === 'CompraRegistrada');
  assert.deepEqual(
    announced.map((m) => m.value),
    [
      { usuario_seudonimo: seudonimo, ...purchase },
      { usuario_seudonimo: seudonimo, ...second },
    ],
  );
});

const unknownPseudonym = () => randomBytes(24).toString('base64url');

test('purchases: 404 for an unknown user, 400 for a bad purchase; internal routes are not on the gateway', async (t) => {
  const { url, create, purchases, pseudonymOf } = await platform(t);
  assertProblem(await fetchJson(purchases(unknownPseudonym()), { body: samplePurchase() }), {
    status: 404,
    code: 'USUARIO.NO_EXISTE',
  });
  assertProblem(await fetchJson(purchases(randomUUID()), { body: samplePurchase() }), {
    status: 400,
    code: 'REQUEST.VALIDATION_FAILED',
  });
  const user = (await create(sampleUser())).body;
  const seudonimo = await pseudonymOf(user.usuario_id);
  for (const bad of [{ cantidad: 0 }, { importe: -1 }, { fecha: 'yesterday' }, { reserva_id: '' }]) {
    assertProblem(await fetchJson(purchases(seudonimo), { body: { ...samplePurchase(), ...bad } }), {
      status: 400,
      code: 'REQUEST.VALIDATION_FAILED',
    });
  }
  const throughGateway = await fetchJson(`${url}/internal/seudonimos/${seudonimo}/compras`, {
    body: samplePurchase(),
  });
  assert.equal(throughGateway.statusCode, 404, 'the gateway never routes /internal');
  assert.equal((await fetchJson(`${url}/internal/usuarios/${user.usuario_id}/seudonimo`)).statusCode, 404);
});

test('tickets bought for an event: the sum of its purchases (the per-user limit of the reservation chain)', async (t) => {
  const { create, purchases, pseudonymOf } = await platform(t);
  const user = (await create(sampleUser())).body;
  const seudonimo = await pseudonymOf(user.usuario_id);
  const evento = `e-${randomUUID()}`;
  for (const purchase of [
    samplePurchase({ evento_id: evento, cantidad: 2 }),
    samplePurchase({ evento_id: evento, cantidad: 3 }),
    samplePurchase({ cantidad: 4 }),
  ]) {
    assert.equal((await fetchJson(purchases(seudonimo), { body: purchase })).statusCode, 201);
  }
  const bought = await fetchJson(`${purchases(seudonimo)}?evento_id=${evento}`);
  assert.deepEqual(bought.body, { evento_id: evento, entradas: 5 });
  const none = await fetchJson(`${purchases(seudonimo)}?evento_id=e-${randomUUID()}`);
  assert.equal((none.body as { entradas: number }).entradas, 0);
  assertProblem(await fetchJson(`${purchases(unknownPseudonym())}?evento_id=${evento}`), {
    status: 404,
    code: 'USUARIO.NO_EXISTE',
  });
  assertProblem(await fetchJson(purchases(seudonimo)), { status: 400, code: 'REQUEST.VALIDATION_FAILED' });
});

test('pseudonyms: one per user, stable, unknown 404; contact details by pseudonym; both 410 once erased', async (t) => {
  const running = await platform(t);
  const { url, create, pseudonymOf } = running;
  const usersUrl = running.urlOf('users');
  const input = sampleUser();
  const user = (await create(input)).body;
  const other = (await create(sampleUser())).body;
  const seudonimo = await pseudonymOf(user.usuario_id);
  assert.equal(await pseudonymOf(user.usuario_id), seudonimo, 'stable');
  assert.notEqual(await pseudonymOf(other.usuario_id), seudonimo, 'one per user');
  const unknown = await fetchJson(`${usersUrl}/internal/usuarios/${randomUUID()}/seudonimo`);
  assertProblem(unknown, { status: 404, code: 'USUARIO.NO_EXISTE' });

  const contact = await fetchJson(`${usersUrl}/internal/seudonimos/${seudonimo}/contacto`);
  assert.deepEqual(contact.body, {
    usuario_seudonimo: seudonimo,
    nombre: input.nombre,
    apellido: input.apellido,
    email: input.email.toLowerCase(),
  });
  assertProblem(await fetchJson(`${usersUrl}/internal/seudonimos/${unknownPseudonym()}/contacto`), {
    status: 404,
    code: 'USUARIO.NO_EXISTE',
  });

  assert.equal((await fetchJson(`${url}/api/usuarios/${user.usuario_id}`, { method: 'DELETE' })).statusCode, 200);
  assertProblem(await fetchJson(`${usersUrl}/internal/usuarios/${user.usuario_id}/seudonimo`), {
    status: 410,
    code: 'USUARIO.BORRADO',
  });
  assertProblem(await fetchJson(`${usersUrl}/internal/seudonimos/${seudonimo}/contacto`), {
    status: 410,
    code: 'USUARIO.BORRADO',
  });
});

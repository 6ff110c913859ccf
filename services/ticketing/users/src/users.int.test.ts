// The users service as its own process on the real servers: MongoDB (FerretDB) enforcing the unique
// indexes and the conditional purchase update, Redis holding the read-through cache, Kafka carrying
// its messages; reached through the gateway, in a process of its own too.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createKafkaBus } from '@eventflow/bus/kafka';
import { collect, eventually } from '@eventflow/bus/testing';
import { openRedisCache } from '@eventflow/cache/redis';
import { openMongoDocumentStore } from '@eventflow/docstore/mongodb';
import { cleanupStack } from '@eventflow/eventstore/testing';
import { gateway } from '@eventflow/gateway/descriptor';
import { distributedPlatform, servers } from '@eventflow/host/testing';
import { assertProblem, fetchJson } from '@eventflow/service/testing';
import { usuariosTopic, type Seudonimo } from '@eventflow/ticketing-contracts';
import { users } from './descriptor.ts';
import { samplePurchase, sampleUser } from './testing/samples.ts';
import type { UserDocument, UserView } from './users/user.ts';

// The gateway's entry point, beside its descriptor (found through the package, not by counting folders).
const gatewayMain = join(dirname(fileURLToPath(import.meta.resolve('@eventflow/gateway/descriptor'))), 'main.ts');

test('users on MongoDB, Redis and Kafka: unique identities, cached reads, idempotent purchases, messages', async (t) => {
  const defer = cleanupStack(t);
  const platform = await distributedPlatform(t, 'users-int', [
    { descriptor: gateway, main: gatewayMain },
    { descriptor: users, main: join(import.meta.dirname, 'main.ts') },
  ]);
  const bus = await createKafkaBus({ brokers: servers.kafkaBrokers, clientId: `users-int-${randomUUID()}` });
  defer(() => bus.close());
  const messages = await collect(bus, usuariosTopic, `users-int-${randomUUID()}`);
  defer(() => messages.subscription.close());
  const cache = await openRedisCache({ url: servers.redisUrl, namespace: 'users:' });
  defer(() => cache.close());
  const { url } = platform;
  const create = (body: unknown) => fetchJson<UserView>(`${url}/api/usuarios`, { body });

  // One email, 20 processes' worth of racing requests: the unique index lets exactly one in.
  const email = `race.${randomUUID().slice(0, 8)}@example.org`;
  const answers = await Promise.all(Array.from({ length: 20 }, () => create(sampleUser({ email }))));
  assert.deepEqual(
    answers.map((a) => a.statusCode).filter((s) => s !== 409),
    [201],
    platform.output(),
  );
  const user = answers.find((a) => a.statusCode === 201)?.body;
  assert.ok(user);
  defer(() => cache.delete(`usuario:${user.usuario_id}`));
  const sameDocument = await create(sampleUser({ nro_documento: user.nro_documento.toLowerCase() }));
  assert.equal(assertProblem(sameDocument, { status: 409, code: 'USUARIO.DUPLICADO' })['campo'], 'documento');
  const sameEmail = await create(sampleUser({ email: email.toUpperCase() }));
  assert.equal(assertProblem(sameEmail, { status: 409, code: 'USUARIO.DUPLICADO' })['campo'], 'email');

  // Read-through: the read leaves the user in Redis; a purchase drops it; the next read has it.
  const key = `usuario:${user.usuario_id}`;
  assert.deepEqual((await fetchJson<UserView>(`${url}/api/usuarios/${user.usuario_id}`)).body, user);
  assert.ok(await cache.get(key), 'the read kept the user in Redis');
  const ttl = await cache.ttl(key);
  assert.ok(ttl !== undefined && ttl <= 30, `with USERS_CACHE_TTL_SECONDS (${ttl})`);
  const usersUrl = platform.registry.urlOf('users');
  const seudonimo = (await fetchJson<Seudonimo>(`${usersUrl}/internal/usuarios/${user.usuario_id}/seudonimo`)).body
    .usuario_seudonimo;
  const purchases = `${usersUrl}/internal/seudonimos/${seudonimo}/compras`;
  const purchase = samplePurchase();
  const added = await fetchJson(purchases, { body: purchase });
  assert.equal(added.statusCode, 201, added.text);
  assert.equal(await cache.get(key), undefined, 'the purchase dropped the cached user');
  assert.deepEqual((await fetchJson<UserView>(`${url}/api/usuarios/${user.usuario_id}`)).body.compras, [purchase]);

  // The conditional update on MongoDB: a repeat adds nothing.
  const repeat = await fetchJson<{ compras: unknown[] }>(purchases, { body: purchase });
  assert.equal(repeat.statusCode, 200);
  assert.deepEqual(repeat.body.compras, [purchase]);
  const bought = await fetchJson(`${purchases}?evento_id=${purchase.evento_id}`);
  assert.deepEqual(bought.body, { evento_id: purchase.evento_id, entradas: purchase.cantidad });
  assertProblem(await fetchJson(`${url}/api/usuarios/${randomUUID()}`), { status: 404, code: 'USUARIO.NO_EXISTE' });

  // On Kafka: UsuarioCreado (no personal data) then CompraRegistrada, once each, keyed by the pseudonym.
  await eventually(
    () => messages.received.filter((m) => m.key === seudonimo).length >= 2,
    'the user’s two messages on Kafka',
    60_000,
  );
  const mine = messages.received.filter((m) => m.key === seudonimo);
  assert.deepEqual(
    mine.map((m) => m.headers.type),
    ['UsuarioCreado', 'CompraRegistrada'],
  );
  assert.deepEqual(mine[0]?.value, {
    usuario_seudonimo: seudonimo,
    tipo_documento: 'DNI',
    creado_en: user.creado_en,
  });
  assert.deepEqual(mine[1]?.value, { usuario_seudonimo: seudonimo, ...purchase });

  // Each request sent its message and took it out of the document's outbox (FerretDB's $unset of a
  // dotted path), so the sweeper has nothing to send again.
  const documents = await openMongoDocumentStore({ url: platform.mongodbUrl });
  defer(() => documents.close());
  const stored = await (await documents.collection<UserDocument>('usuarios')).findOne({ _id: user.usuario_id });
  assert.equal(stored?.outbox_size, 0);
  assert.deepEqual(stored.outbox, {});
  // On MongoDB, the person is sealed and the unique indexes hold keyed hashes: nothing in clear.
  const text = JSON.stringify(stored);
  for (const value of [email, user.nombre, user.apellido, user.nro_documento]) {
    assert.ok(!text.includes(value), `the stored user carries ${value}: ${text}`);
  }
  assert.match(stored.personales?.email ?? '', /^v1\./, 'sealed');
  const dataKey = await (
    await documents.collection<{ _id: string; clave: string }>('claves_de_datos')
  ).findOne({
    _id: user.usuario_id,
  });
  assert.match(dataKey?.clave ?? '', /^v1\./, 'the data key, wrapped, apart');
  assert.notEqual(stored.claves.email, email);
});

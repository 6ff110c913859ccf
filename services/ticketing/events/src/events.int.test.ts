// The events service as its own process on the real servers: MongoDB (FerretDB) keeping the
// catalogue, Redis the read-through cache, Kafka carrying EventoCreado out and inventory's seat
// changes in; inventory (the fake, a process too) reached over HTTP; all through the gateway.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { partitionFor } from '@eventflow/bus';
import { createKafkaBus } from '@eventflow/bus/kafka';
import { collect, eventually } from '@eventflow/bus/testing';
import { openRedisCache } from '@eventflow/cache/redis';
import { openMongoDocumentStore } from '@eventflow/docstore/mongodb';
import { cleanupStack } from '@eventflow/eventstore/testing';
import { gateway } from '@eventflow/gateway/descriptor';
import { distributedPlatform, servers } from '@eventflow/host/testing';
import { assertProblem, fetchJson } from '@eventflow/service/testing';
import { eventosTopic, inventarioTopic, type InventarioCambiado } from '@eventflow/ticketing-contracts';
import { events } from './descriptor.ts';
import type { EventView } from './events/event.ts';
import { openEventCollection } from './events/event-store.ts';
import { fakeInventory } from './testing/fake-inventory.ts';
import { inDays, sampleEvent } from './testing/samples.ts';

// The gateway's entry point, beside its descriptor (found through the package, not by counting folders).
const gatewayMain = join(dirname(fileURLToPath(import.meta.resolve('@eventflow/gateway/descriptor'))), 'main.ts');

test('events on MongoDB, Redis and Kafka: created with inventory, cached, its seats projected forward only', async (t) => {
  const defer = cleanupStack(t);
  const platform = await distributedPlatform(
    t,
    'events-int',
    [
      { descriptor: gateway, main: gatewayMain },
      { descriptor: fakeInventory(), main: join(import.meta.dirname, 'testing', 'fake-inventory-main.ts') },
      { descriptor: events, main: join(import.meta.dirname, 'main.ts') },
    ],
    // A group of this run's own (a new group reads the topic from its start: a rebuild), and a long
    // TTL, so that a read sees a change only because the projection invalidated the cached event.
    { EVENTS_PROJECTION_GROUP: `events-int-${randomUUID()}`, EVENTS_CACHE_TTL_SECONDS: '3600' },
  );
  const bus = await createKafkaBus({ brokers: servers.kafkaBrokers, clientId: `events-int-${randomUUID()}` });
  defer(() => bus.close());
  const announced = await collect(bus, eventosTopic, `events-int-${randomUUID()}`);
  defer(() => announced.subscription.close());
  const cache = await openRedisCache({ url: servers.redisUrl, namespace: 'events:' });
  defer(() => cache.close());
  const { url } = platform;
  const create = async (overrides = {}) => {
    const created = await fetchJson<EventView>(`${url}/api/eventos`, { body: sampleEvent(overrides) });
    assert.equal(created.statusCode, 201, `${created.text}\n${platform.output()}`);
    defer(() => cache.delete(`evento:${created.body.evento_id}`));
    return created.body;
  };
  const read = (id: string) => fetchJson<EventView>(`${url}/api/eventos/${id}`);

  const event = await create({ aforo_total: 100 });
  const seats = await fetchJson(`${platform.registry.urlOf('inventory')}/internal/inventario/${event.evento_id}`);
  assert.equal((seats.body as { aforo_total: number }).aforo_total, 100, 'inventory holds its seats');
  assert.deepEqual((await read(event.evento_id)).body, event);
  assert.ok(await cache.get(`evento:${event.evento_id}`), 'the read kept the event in Redis');
  await eventually(() => announced.received.some((m) => m.key === event.evento_id), 'EventoCreado on Kafka', 60_000);

  // A second event on the same partition: once its change shows, the first's earlier ones were handled.
  const partition = partitionFor(event.evento_id, inventarioTopic.partitions);
  let marker = await create();
  while (partitionFor(marker.evento_id, inventarioTopic.partitions) !== partition) marker = await create();
  const change = (version: number, disponibles: number, id = event.evento_id): InventarioCambiado => ({
    evento_id: id,
    reserva_id: `r-${randomUUID()}`,
    cantidad: 1,
    aforo_total: 100,
    disponibles,
    retenidas: 100 - disponibles,
    vendidas: 0,
    version,
  });
  const publish = (...values: InventarioCambiado[]) =>
    bus.publish(
      inventarioTopic,
      values.map((value) => ({ key: value.evento_id, value, type: 'AsientosRetenidos' })),
    );

  await publish(change(3, 95));
  await eventually(async () => (await read(event.evento_id)).body.entradas_disponibles === 95, 'version 3', 60_000);
  await publish(change(2, 98), change(3, 11), change(2, 42, marker.evento_id));
  await eventually(async () => (await read(marker.evento_id)).body.entradas_disponibles === 42, 'the marker', 60_000);
  assert.equal((await read(event.evento_id)).body.entradas_disponibles, 95, 'never backwards');

  assertProblem(await fetchJson(`${url}/api/eventos`, { body: sampleEvent({ fecha: inDays(-1) }) }), {
    status: 400,
    code: 'EVENTO.FECHA_PASADA',
  });
  assertProblem(await read(randomUUID()), { status: 404, code: 'EVENTO.NO_EXISTE' });

  // In MongoDB: the counts at version 3, and EventoCreado out of the document's outbox once sent.
  const documents = await openMongoDocumentStore({ url: platform.mongodbUrl });
  defer(() => documents.close());
  const stored = await (await openEventCollection(documents)).findOne({ _id: event.evento_id });
  assert.deepEqual([stored?.version_inventario, stored?.entradas_disponibles, stored?.outbox_size], [3, 95, 0]);
});

// Issue 10: "correlation id from the HTTP request to the last consumer". Ticketing distributed (a
// process per service on Kafka, PostgreSQL, MongoDB and Redis, the schema registry among them): one
// reservation sent with X-Correlation-Id, then every message it caused on the ticketing topics, read
// back from Kafka, carries that id in its headers, and the last consumer (events' seat projection, on
// ticketing.inventario) handles it under the same id.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { eventually } from '@eventflow/bus/testing';
import { servers } from '@eventflow/host/testing';
import { createEvent, createUsers } from '@eventflow/ticketing/driver';
import { pedidosTopic } from '@eventflow/ticketing-contracts';
import { endOffsets, readRawTopics, type Offsets } from '../testing/operation-records.ts';
import { ticketingDistributed } from './distributed.ts';

const topics = [
  'ticketing.pedidos',
  'ticketing.inventario',
  'ticketing.pagos',
  'ticketing.reservas',
  'ticketing.usuarios',
];

interface Read {
  readonly topic: string;
  readonly partition: number;
  readonly offset: bigint;
  readonly headers: Readonly<Record<string, string>>;
  readonly value: Record<string, unknown>;
}

/** Every message of the topics from `from` to the partitions' ends as of now (others' runs share the topics). */
async function readSince(from: Offsets): Promise<Read[]> {
  return (await readRawTopics(servers.kafkaBrokers, topics, from)).map(
    ({ topic, partition, offset, headers, value }) => ({
      topic,
      partition,
      offset,
      headers,
      value: JSON.parse(value) as Record<string, unknown>,
    }),
  );
}

/** The reservation a ticketing message is about (OrderCreated names it orderId). */
const reservationOf = (message: Read) => message.value['reserva_id'] ?? message.value['orderId'];

test('distributed: one reservation’s correlation id on every message it causes, from the HTTP request to the last consumer', async (t) => {
  const platform = await ticketingDistributed(t, 'ticketing-corr', {
    // The events process's seat projection logs each change it handles (debug), with the correlation.
    LOG_LEVEL: 'debug',
    LOG_FORMAT: 'json',
  });
  const url = platform.url;
  const [usuario] = await createUsers(url, 1);
  assert.ok(usuario !== undefined);
  const evento = await createEvent(url, 10, { precio: 40 });
  await eventually(
    async () => (await fetch(`${url}/api/eventos/${evento}`)).status === 200,
    'the event readable through the gateway',
  );
  const from = await endOffsets(servers.kafkaBrokers, topics);

  const correlationId = `issue-10-${randomUUID()}`;
  const reserved = await fetch(`${url}/api/reservar`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-correlation-id': correlationId,
      'idempotency-key': `correlation-${randomUUID()}`,
    },
    body: JSON.stringify({ usuario_id: usuario, evento_id: evento, cantidad: 2 }),
  });
  const body = (await reserved.json()) as { reserva_id: string; estado: string };
  assert.ok([201, 202].includes(reserved.status), `${reserved.status} ${JSON.stringify(body)}`);
  assert.equal(reserved.headers.get('x-correlation-id'), correlationId, 'the gateway answers with the same id');
  const reservaId = body.reserva_id;

  // Every step's message, on its topic, of this reservation: at least these, once the saga has ended.
  // ticketing.pedidos carries spec 002's OrderCreated (the appended ReservaSolicitada, routed under that type).
  const expected = [
    ['ticketing.pedidos', 'OrderCreated'],
    ['ticketing.inventario', 'AsientosRetenidos'],
    ['ticketing.pagos', 'PagoCapturado'],
    ['ticketing.inventario', 'AsientosConfirmados'],
    ['ticketing.usuarios', 'CompraRegistrada'],
    ['ticketing.reservas', 'ReservaConfirmada'],
  ] as const;
  const describe = (caused: readonly Read[]) => caused.map((m) => `${m.topic} ${m.headers['type']}`).join(', ');
  const ours = await eventually(
    async () => {
      const caused = (await readSince(from)).filter((message) => reservationOf(message) === reservaId);
      const found = expected.every(([topic, type]) =>
        caused.some((m) => m.topic === topic && m.headers['type'] === type),
      );
      return found ? caused : undefined;
    },
    `the six messages of reservation ${reservaId} on Kafka`,
    60_000,
  ).catch(async (error: unknown) => {
    const caused = (await readSince(from)).filter((message) => reservationOf(message) === reservaId);
    throw new Error(`${String(error)}: found ${describe(caused)}`);
  });
  const order = ours.find((m) => m.topic === 'ticketing.pedidos');
  assert.ok(order !== undefined);
  assert.deepEqual(pedidosTopic.validate(order.value), order.value, "OrderCreated's payload");
  assert.equal(order.headers['type'], 'OrderCreated');

  for (const message of ours) {
    assert.equal(
      message.headers['correlationId'],
      correlationId,
      `${message.topic} ${message.headers['type']} (${message.partition}@${message.offset}) carries the request's id`,
    );
  }
  assert.ok(ours.length >= expected.length, describe(ours));
  // Every step's type is in the registry (through the gateway), at the version its header names.
  for (const message of ours) {
    const type = message.headers['type'] ?? '';
    const registered = await fetch(`${url}/api/schemas/subjects/${type}/versions/${message.headers['schemaVersion']}`);
    assert.equal(registered.status, 200, `${type} v${message.headers['schemaVersion']} registered`);
  }

  // The last consumer: events' seat projection handled both seat changes under the request's id…
  const handled = () =>
    platform
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{') && line.includes('"seat change"'))
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((record) => record['service'] === 'events' && record['evento_id'] === evento);
  const seatChanges = await eventually(() => {
    const mine = handled().filter((record) => record['correlationId'] === correlationId);
    return mine.length >= 2 ? mine : undefined;
  }, 'the events service to log AsientosRetenidos and AsientosConfirmados with the request’s correlation id');
  assert.ok(seatChanges.every((record) => record['applied'] === true || record['applied'] === false));
  // …and its projection shows the sale.
  await eventually(async () => {
    const event = (await (await fetch(`${url}/api/eventos/${evento}`)).json()) as Record<string, unknown>;
    return event['entradas_vendidas'] === 2 && event['entradas_disponibles'] === 8;
  }, 'the event’s seats, as the events service projects them: 2 sold, 8 available');
});

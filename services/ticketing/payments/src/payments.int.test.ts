// The payments service on the real servers: two instances on one PostgreSQL schema (a schema of this
// run's own, dropped after), the provider simulator on PostgreSQL, events relayed to Kafka.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import pg from 'pg';
import { createKafkaBus } from '@eventflow/bus/kafka';
import { cleanupStack, collectMessages, eventually, type Defer } from '@eventflow/eventstore/testing';
import { runServiceProcess, type AnyServiceDescriptor } from '@eventflow/host';
import type { ProcessLike } from '@eventflow/service';
import { pagosTopic } from '@eventflow/ticketing-contracts';
import { paymentProvider } from '@eventflow/ticketing-payment-provider/descriptor';
import { providerClient, sendJson } from '@eventflow/ticketing-payment-provider/testing';
import { payments } from './descriptor.ts';

const brokers = process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092';
const databaseUrl = process.env['DATABASE_URL'] ?? 'postgres://eventflow:eventflow@127.0.0.1:5432/eventflow';
/** The test closes the services itself. */
const noSignals: ProcessLike = { once: () => undefined, off: () => undefined, exit: () => undefined };

/** A schema of this run's own, dropped after everything using it has stopped. */
function ownSchema(defer: Defer, prefix: string): string {
  const schema = `${prefix}_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  defer(async () => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
  });
  return schema;
}

async function start(defer: Defer, descriptor: AnyServiceDescriptor, env: Record<string, string>): Promise<string> {
  const running = await runServiceProcess(descriptor, {
    env: { KAFKA_BROKERS: brokers, DATABASE_URL: databaseUrl, PORT: '0', LOG_LEVEL: 'warn', ...env },
    process: noSignals,
    isTTY: false,
  });
  defer(() => running.close());
  return running.url;
}

test('two payments instances on PostgreSQL charge a reservation once; its events reach Kafka with the correlation id', async (t) => {
  const defer = cleanupStack(t);
  const data = await mkdtemp(join(tmpdir(), 'eventflow-payments-int-'));
  defer(() => rm(data, { recursive: true, force: true }));
  const providerSchema = ownSchema(defer, 'payment_provider');
  const paymentsSchema = ownSchema(defer, 'payments');
  const bus = await createKafkaBus({ brokers: brokers.split(','), clientId: 'payments-int-test' });
  defer(() => bus.close());
  await bus.declare([pagosTopic]);
  const { received } = await collectMessages(bus, pagosTopic);

  const providerUrl = await start(defer, paymentProvider, {
    EVENTFLOW_DATA: data,
    PAYMENT_PROVIDER_SCHEMA: providerSchema,
    PAYMENT_PROVIDER_LATENCY_MS: '0-5',
  });
  const provider = providerClient(providerUrl);
  const instances = await Promise.all(
    ['payments-1', 'payments-2'].map((id) =>
      start(defer, payments, {
        EVENTFLOW_DATA: data,
        INSTANCE_ID: id,
        PAYMENTS_SCHEMA: paymentsSchema,
        PAYMENT_PROVIDER_URL: providerUrl,
        PAYMENTS_RELAY_POLL_MS: '200',
      }),
    ),
  );

  const reserva = `res-${randomUUID()}`;
  const correlationId = `int-${randomUUID()}`;
  const cobrar = { reserva_id: reserva, usuario_seudonimo: 'usr-int', importe: 55.1, moneda: 'EUR' };
  const answers = await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      sendJson(`${instances[i % 2]}/internal/pagos`, { body: cobrar, headers: { 'x-correlation-id': correlationId } }),
    ),
  );
  assert.deepEqual(
    answers.map((a) => a.status).sort(),
    [...Array<number>(19).fill(200), 201],
    answers.map((a) => JSON.stringify(a.body)).join('\n'),
  );
  assert.equal(new Set(answers.map((a) => a.body['pago_id'])).size, 1);
  assert.equal((await provider.charges(reserva)).length, 1, 'one charge at the processor');

  const captured = await eventually(() => received.find((m) => m.key === reserva), 'PagoCapturado on Kafka', 60_000);
  assert.equal(captured.topic, 'ticketing.pagos');
  assert.equal(captured.headers.type, 'PagoCapturado');
  assert.equal(captured.headers.correlationId, correlationId);
  assert.deepEqual(captured.value, {
    reserva_id: reserva,
    pago_id: answers[0]?.body['pago_id'],
    importe: 55.1,
    moneda: 'EUR',
    estado: 'capturado',
  });

  const refunded = await sendJson(`${instances[1]}/internal/pagos/${reserva}/reembolso`, { method: 'POST' });
  assert.equal(refunded.body['estado'], 'reembolsado');
  assert.equal((await sendJson(`${instances[0]}/internal/pagos`, { body: cobrar })).status, 409);
  await eventually(() => received.filter((m) => m.key === reserva).length >= 2, 'PagoReembolsado on Kafka', 60_000);
  assert.deepEqual(
    received.filter((m) => m.key === reserva).map((m) => m.headers.type),
    ['PagoCapturado', 'PagoReembolsado'],
    'once each, in order on the reservation’s partition',
  );
});

// withSchemaValidation on a real bus: run on the embedded bus (unit) and on Kafka (int).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { defineTopic, type Bus } from '@eventflow/bus';
import { collect, eventually } from '@eventflow/bus/testing';
import { withSchemaValidation, type SchemaRegistryError } from './index.ts';
import type { RegistryUnderTest } from './testing/index.ts';

interface SeatReserved {
  readonly reservationId: string;
  readonly price: number;
}

const schema = {
  type: 'object',
  required: ['reservationId', 'price'],
  properties: { reservationId: { type: 'string' }, price: { type: 'number', minimum: 0 } },
};

const code = (expected: string) => (error: unknown) => {
  assert.equal((error as SchemaRegistryError).code, expected, String(error));
  return true;
};

export function publishCases(
  name: string,
  openBus: () => Promise<Bus>,
  openRegistry: () => Promise<RegistryUnderTest>,
): void {
  test(`${name}: only messages that match their registered schema are published`, async (t) => {
    const target = await openRegistry();
    t.after(() => target.close());
    const inner = await openBus();
    t.after(() => inner.close());
    const { registry } = target;
    await registry.register('SeatReserved', schema);
    // The topic itself takes anything: what refuses below is the registry.
    const topic = defineTopic<SeatReserved>({
      name: `sr-${randomUUID()}`,
      partitions: 1,
      type: 'SeatReserved',
      schemaVersion: 1,
      schema: {},
    });
    const bus = withSchemaValidation(inner, registry);
    assert.equal(bus.kind, inner.kind);
    await bus.declare([topic]);
    const { received, subscription } = await collect(bus, topic);
    t.after(() => subscription.close());

    await bus.publish(topic, [{ key: 'a', value: { reservationId: 'r1', price: 10 } }]);
    await assert.rejects(
      bus.publish(topic, [
        { key: 'a', value: { reservationId: 'r2', price: 5 } },
        { key: 'a', value: { reservationId: 'r3', price: -1 } },
      ]),
      code('SCHEMA.INVALID_MESSAGE'),
    );
    await assert.rejects(
      bus.publish(topic, [{ key: 'a', type: 'NeverRegistered', value: { reservationId: 'r4', price: 1 } }]),
      code('SCHEMA.NOT_FOUND'),
    );
    const version2 = defineTopic<SeatReserved>({ ...topic, schemaVersion: 2, schema: {} });
    await assert.rejects(
      bus.publish(version2, [{ key: 'a', value: { reservationId: 'r5', price: 1 } }]),
      code('SCHEMA.NOT_FOUND'),
    );
    await bus.publish(topic, [{ key: 'a', value: { reservationId: 'r6', price: 0 } }]);

    // One partition, in order: once r6 is here, anything published before it is here too.
    await eventually(() => received.some((m) => m.value.reservationId === 'r6'), 'the last valid message');
    assert.deepEqual(
      received.map((m) => [m.value.reservationId, m.headers.type, m.headers.schemaVersion]),
      [
        ['r1', 'SeatReserved', 1],
        ['r6', 'SeatReserved', 1],
      ],
    );
  });
}

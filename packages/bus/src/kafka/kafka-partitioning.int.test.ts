import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import {
  Consumer,
  Producer,
  compatibilityPartitioner,
  stringDeserializers,
  stringSerializers,
} from '@platformatic/kafka';
import { partitionFor } from '../partitioner.ts';
import { eventually } from '../testing/index.ts';
import { defineTopic, untypedTopic } from '../topic.ts';
import { createKafkaBus } from './index.ts';

const brokers = (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(',');

// From kafka-clients 4.2.1 (see partitioner.test.ts): key → partition of 12.
const javaOf12: ReadonlyArray<[string, number]> = [
  ['', 9],
  ['a', 4],
  ['order-1', 10],
  ['order-2', 3],
  ['corr-7f3a', 1],
  ['ünïcødé', 2],
  ['the quick brown fox jumps over the lazy dog', 4],
];
const keys = [...javaOf12.map(([key]) => key), ...Array.from({ length: 200 }, (_, i) => `customer-${i}-${i * 7919}`)];

/** Where each key landed, read back from the broker by a plain consumer of the library. */
async function partitionsOnBroker(topic: string, count: number): Promise<Map<string, number>> {
  const consumer = new Consumer({
    clientId: 'eventflow-partitioning',
    groupId: `g-${randomUUID()}`,
    bootstrapBrokers: brokers,
    deserializers: stringDeserializers,
  });
  try {
    const stream = await consumer.consume({ topics: [topic], mode: 'earliest', autocommit: false });
    const seen = new Map<string, number>();
    stream.on('data', (message) => seen.set(message.key, message.partition));
    await eventually(() => seen.size === count, `${count} keys read back`);
    await stream.close();
    return seen;
  } finally {
    await consumer.close(true);
  }
}

test('the broker puts each key where the Java client would: partitionFor, murmur2', async (t) => {
  const bus = await createKafkaBus({ brokers, clientId: 'eventflow-partitioning' });
  t.after(() => bus.close());
  const topic = defineTopic<{ key: string }>({ name: `partitioning-${randomUUID()}`, partitions: 12, schema: {} });
  await bus.declare([topic]);
  const receipts = await bus.publish(
    topic,
    keys.map((key) => ({ key, value: { key } })),
  );
  const onBroker = await partitionsOnBroker(topic.name, keys.length);
  keys.forEach((key, index) => {
    assert.equal(onBroker.get(key), partitionFor(key, 12), `${JSON.stringify(key)} on the broker`);
    assert.equal(receipts[index]?.partition, onBroker.get(key), `${JSON.stringify(key)} receipt`);
  });
  for (const [key, partition] of javaOf12) assert.equal(onBroker.get(key), partition, `${JSON.stringify(key)} as Java`);
  assert.ok(new Set(onBroker.values()).size === 12, 'the keys cover every partition');
});

test("the library's compatibilityPartitioner agrees with partitionFor on the same keys", async (t) => {
  const bus = await createKafkaBus({ brokers, clientId: 'eventflow-partitioning' });
  t.after(() => bus.close());
  const topic = untypedTopic(`partitioning-${randomUUID()}`, 12);
  await bus.declare([topic]);
  const producer = new Producer({
    clientId: 'eventflow-partitioning',
    bootstrapBrokers: brokers,
    serializers: stringSerializers,
    partitioner: compatibilityPartitioner,
  });
  t.after(() => producer.close());
  // No partition given: the library's partitioner chooses.
  await producer.send({ messages: keys.map((key) => ({ topic: topic.name, key, value: key })) });
  const onBroker = await partitionsOnBroker(topic.name, keys.length);
  for (const key of keys) assert.equal(onBroker.get(key), partitionFor(key, 12), JSON.stringify(key));
});

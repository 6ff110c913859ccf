import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import {
  Admin,
  Consumer,
  Producer,
  compatibilityPartitioner,
  stringDeserializers,
  stringSerializers,
} from '@platformatic/kafka';
import { connectionSettings } from '../settings.ts';
import { waitFor } from '../wait.ts';

test('Kafka: keyed messages on a 3-partition topic go producer → broker → consumer group, one key on one partition', async (t) => {
  const bootstrapBrokers = [...connectionSettings().kafkaBrokers];
  const topic = `it-roundtrip-${randomUUID()}`;
  const admin = new Admin({ clientId: 'it-admin', bootstrapBrokers });
  t.after(async () => {
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.close();
  });
  await admin.createTopics({ topics: [topic], partitions: 3, replicas: 1 });
  const metadata = await admin.metadata({ topics: [topic] });
  assert.equal(metadata.topics.get(topic)?.partitionsCount, 3);

  const producer = new Producer({
    clientId: 'it-producer',
    bootstrapBrokers,
    serializers: stringSerializers,
    partitioner: compatibilityPartitioner, // murmur2 as the Java client computes it
    idempotent: true,
  });
  t.after(() => producer.close());
  const keys = ['order-1', 'order-2', 'order-3', 'order-4', 'order-5', 'order-6'];
  const perKey = 5;
  for (let seq = 0; seq < perKey; seq++) {
    await producer.send({
      messages: keys.map((key) => ({
        topic,
        key,
        value: JSON.stringify({ key, seq }),
        headers: { correlationId: `corr-${key}` },
      })),
    });
  }

  const consumer = new Consumer({
    clientId: 'it-consumer',
    groupId: `it-group-${randomUUID()}`,
    bootstrapBrokers,
    deserializers: stringDeserializers,
  });
  t.after(() => consumer.close(true));
  const stream = await consumer.consume({ topics: [topic], mode: 'earliest', autocommit: false });
  const received: Array<{ key: string; seq: number; partition: number; correlationId: string | undefined }> = [];
  stream.on('data', (message) => {
    const body = JSON.parse(message.value) as { key: string; seq: number };
    received.push({ ...body, partition: message.partition, correlationId: message.headers.get('correlationId') });
    void message.commit();
  });
  await waitFor(() => Promise.resolve(received.length >= keys.length * perKey), {
    what: 'all messages consumed',
    timeoutMs: 60_000,
  });
  await stream.close();

  assert.equal(received.length, keys.length * perKey);
  const partitionsUsed = new Set<number>();
  for (const key of keys) {
    const mine = received.filter((m) => m.key === key);
    assert.deepEqual(
      mine.map((m) => m.seq),
      [0, 1, 2, 3, 4],
      `${key}: in order`,
    );
    const partitions = new Set(mine.map((m) => m.partition));
    assert.equal(partitions.size, 1, `${key}: one key, one partition`);
    const partition = [...partitions][0] ?? -1;
    assert.equal(
      partition,
      compatibilityPartitioner(undefined as never, Buffer.from(key)) % 3,
      `${key}: the Java client's partition`,
    );
    assert.equal(mine[0]?.correlationId, `corr-${key}`, 'headers survive the round trip');
    partitionsUsed.add(partition);
  }
  assert.ok(partitionsUsed.size > 1, 'six keys spread over more than one partition');
});

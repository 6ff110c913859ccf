import {
  Admin,
  Consumer,
  ProduceAcks,
  Producer,
  compatibilityPartitioner,
  stringDeserializers,
  stringSerializers,
} from '@platformatic/kafka';
import { eventIndex, eventKey, type LatencyClient } from '../lib/bus-latency-client.ts';
import { benchName } from '../lib/names.ts';
import { timedEvent, type TimedEvent } from '../lib/payload.ts';
import { standardHeaders } from './wire-headers.ts';

/** The bare library: idempotent Producer (acks=all), a Consumer in a fresh group, the same records. */
export async function bareClient(
  brokers: readonly string[],
  partitions: number,
  track: (...names: string[]) => void,
): Promise<LatencyClient> {
  const topic = benchName('latency-bare');
  track(topic);
  const admin = new Admin({ clientId: 'eventflow-bench-bare', bootstrapBrokers: [...brokers] });
  await admin.createTopics({ topics: [topic], partitions, replicas: 1 });
  for (let tries = 0; !(await admin.listTopics()).includes(topic); tries++) {
    if (tries > 200) throw new Error(`topic ${topic} did not appear`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  await admin.close();
  const producer = new Producer({
    clientId: 'eventflow-bench-bare',
    bootstrapBrokers: [...brokers],
    idempotent: true,
    acks: ProduceAcks.ALL,
    retries: 5,
    partitioner: compatibilityPartitioner,
    serializers: stringSerializers,
  });
  return {
    async subscribe(arrived) {
      const consumer = new Consumer({
        clientId: 'eventflow-bench-bare',
        bootstrapBrokers: [...brokers],
        groupId: benchName('latency-bare'),
        maxWaitTime: 500,
        deserializers: stringDeserializers,
      });
      const stream = await consumer.consume({ topics: [topic], mode: 'committed', fallbackMode: 'earliest' });
      stream.on('data', (message) => {
        arrived(eventIndex(message.key), (JSON.parse(message.value) as TimedEvent).sentAt);
      });
      return async () => {
        await stream.close();
        await consumer.close();
      };
    },
    publish: (first, dueAt) =>
      producer.send({
        messages: dueAt.map((sentAt, i) => ({
          topic,
          key: eventKey(first + i),
          value: JSON.stringify(timedEvent(sentAt)),
          headers: standardHeaders(topic),
        })),
      }),
    close: () => producer.close(),
  };
}

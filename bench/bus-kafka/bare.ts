import {
  Admin,
  Consumer,
  ProduceAcks,
  Producer,
  compatibilityPartitioner,
  stringDeserializers,
  stringSerializers,
} from '@platformatic/kafka';
import { benchName } from '../lib/names.ts';
import { orderEvent } from '../lib/payload.ts';
import { standardHeaders } from './wire-headers.ts';
import { Counter } from '../lib/counter.ts';
import { range, type Contender, type ContenderSetup } from './run-shape.ts';

/**
 * The anchor: the bare @platformatic/kafka Producer (idempotent, acks=all, the Java-compatible
 * partitioner) sends the same records — the same key, 100-byte JSON value and five standard
 * headers — and a bare Consumer (autocommit, the library's default) reads them.
 */
export function bare(options: ContenderSetup): Contender {
  const brokers = [...options.brokers];
  const producer = new Producer({
    clientId: 'eventflow-bench-bare',
    bootstrapBrokers: brokers,
    idempotent: true,
    acks: ProduceAcks.ALL,
    retries: 5,
    partitioner: compatibilityPartitioner,
    serializers: stringSerializers,
  });
  const admin = new Admin({ clientId: 'eventflow-bench-bare', bootstrapBrokers: brokers });
  return {
    async createTopic() {
      const topic = benchName('bare');
      options.track(topic);
      await admin.createTopics({ topics: [topic], partitions: options.partitions, replicas: 1 });
      // createTopics returns before the metadata lists the topic.
      for (let tries = 0; !(await admin.listTopics()).includes(topic); tries++) {
        if (tries > 200) throw new Error(`topic ${topic} did not appear`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      return topic;
    },
    publish(topic, first, count) {
      return producer.send({ messages: range(first, count).map((i) => record(topic, i)) });
    },
    async count(topic, total) {
      const counter = new Counter(total);
      const consumer = new Consumer({
        clientId: 'eventflow-bench-bare',
        bootstrapBrokers: brokers,
        groupId: benchName('bare-group'),
        maxWaitTime: 500, // as our adapter's default fetchMaxWaitMs
        deserializers: stringDeserializers,
      });
      const stream = await consumer.consume({ topics: [topic], mode: 'committed', fallbackMode: 'earliest' });
      stream.on('data', (message) => counter.saw(message.key));
      counter.close = async () => {
        await stream.close();
        await consumer.close();
      };
      return counter;
    },
    async close() {
      await producer.close();
      await admin.close();
    },
  };
}

function record(topic: string, i: number) {
  const value = orderEvent(i);
  return {
    topic,
    key: value.orderId,
    value: JSON.stringify(value),
    headers: standardHeaders(topic),
  };
}

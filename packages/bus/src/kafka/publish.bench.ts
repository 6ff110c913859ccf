// Publishing throughput on a 12-partition topic, batches of 100 messages of 100-byte payloads:
// our adapter (validation, headers, murmur2, one produce call) against the bare @platformatic/kafka
// Producer with the same settings and the same headers, in the same run, rounds interleaved.
//   KAFKA_BROKERS=127.0.0.1:9092 node packages/bus/src/kafka/publish.bench.ts
import { randomUUID } from 'node:crypto';
import { ProduceAcks, Producer, compatibilityPartitioner, stringSerializers } from '@platformatic/kafka';
import { encodeHeaders, headersFor } from '../headers.ts';
import { defineTopic } from '../topic.ts';
import { createKafkaBus } from './index.ts';

const brokers = (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(',');
const batchSize = 100;
const batchesPerRound = 200;
const rounds = 5;

interface Payload {
  readonly orderId: string;
  readonly note: string;
}
const schema = {
  type: 'object',
  required: ['orderId', 'note'],
  properties: { orderId: { type: 'string' }, note: { type: 'string' } },
};
const ours = defineTopic<Payload>({ name: `bench-ours-${randomUUID()}`, partitions: 12, schema });
const bare = defineTopic<Payload>({ name: `bench-bare-${randomUUID()}`, partitions: 12, schema });

function payload(i: number): Payload {
  const orderId = `order-${String(i).padStart(8, '0')}`;
  const skeleton = JSON.stringify({ orderId, note: '' }).length;
  return { orderId, note: 'x'.repeat(100 - skeleton) }; // 100 bytes of JSON
}

async function timed(run: () => Promise<void>): Promise<number> {
  const began = performance.now();
  await run();
  return (batchSize * batchesPerRound) / ((performance.now() - began) / 1000);
}

const bus = await createKafkaBus({ brokers, clientId: 'eventflow-bench' });
await bus.declare([ours, bare]);
const producer = new Producer({
  clientId: 'eventflow-bench-bare',
  bootstrapBrokers: brokers,
  idempotent: true,
  acks: ProduceAcks.ALL,
  retries: 5,
  partitioner: compatibilityPartitioner,
  serializers: stringSerializers,
});

let n = 0;
const adapterRound = () =>
  timed(async () => {
    for (let b = 0; b < batchesPerRound; b++) {
      const batch = Array.from({ length: batchSize }, () => payload(n++));
      await bus.publish(
        ours,
        batch.map((value) => ({ key: value.orderId, value })),
      );
    }
  });
const bareRound = () =>
  timed(async () => {
    for (let b = 0; b < batchesPerRound; b++) {
      const batch = Array.from({ length: batchSize }, () => payload(n++));
      await producer.send({
        messages: batch.map((value) => ({
          topic: bare.name,
          key: value.orderId,
          value: JSON.stringify(value),
          headers: encodeHeaders(headersFor({ key: value.orderId, value }, { type: bare.type, schemaVersion: 1 })),
        })),
      });
    }
  });

await adapterRound(); // warm-up: connections, producer ids, JIT
await bareRound();
const results = { adapter: [] as number[], bare: [] as number[] };
for (let round = 0; round < rounds; round++) {
  results.adapter.push(await adapterRound());
  results.bare.push(await bareRound());
}
await producer.close();
await bus.close();

const median = (values: number[]) => values.toSorted((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const [ourFigure, anchor] = [median(results.adapter), median(results.bare)];
const format = (value: number) => `${Math.round(value).toLocaleString('en-US')} msg/s`;
process.stdout.write(
  `publish, 12 partitions, batches of ${batchSize} × 100-byte payloads, median of ${rounds} rounds of ${batchSize * batchesPerRound}\n` +
    `  ours   (KafkaBus.publish)           ${format(ourFigure)}   rounds: ${results.adapter.map(Math.round).join(', ')}\n` +
    `  anchor (bare Producer.send)         ${format(anchor)}   rounds: ${results.bare.map(Math.round).join(', ')}\n` +
    `  ratio  ours / anchor                ${(ourFigure / anchor).toFixed(2)}\n`,
);

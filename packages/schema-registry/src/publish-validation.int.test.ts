import { createKafkaBus } from '@eventflow/bus/kafka';
import { publishCases } from './publish-cases.ts';
import { openTestRegistry } from './testing/index.ts';

const brokers = (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(',');
const url = process.env['DATABASE_URL'] ?? 'postgres://eventflow:eventflow@127.0.0.1:5432/eventflow';

publishCases(
  'Kafka, PostgreSQL registry',
  () => Promise.resolve(createKafkaBus({ brokers, clientId: 'schema-registry-test' })),
  () => openTestRegistry({ kind: 'postgres', url }),
);

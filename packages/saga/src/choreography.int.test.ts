import { randomUUID } from 'node:crypto';
import { createKafkaBus } from '@eventflow/bus/kafka';
import { choreographySuite } from './suites/choreography-suite.ts';
import { kafkaBrokers, postgresTarget } from './test-support.ts';

choreographySuite(
  'Kafka + PostgreSQL',
  async (defer) => {
    const bus = await createKafkaBus({ brokers: kafkaBrokers, clientId: `saga-test-${randomUUID().slice(0, 8)}` });
    defer(() => bus.close());
    return bus;
  },
  postgresTarget,
);

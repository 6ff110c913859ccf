import { join } from 'node:path';
import { busContract } from '../testing/index.ts';
import { createKafkaBus } from './index.ts';

const brokers = (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(',');

busContract({
  name: 'kafka',
  // A short session: the crash test waits for the killed member to be dropped from the group.
  open: () =>
    createKafkaBus({ brokers, clientId: 'eventflow-contract', sessionTimeoutMs: 6_000, heartbeatIntervalMs: 500 }),
  child: { module: join(import.meta.dirname, 'contract-child.ts'), env: { KAFKA_BROKERS: brokers.join(',') } },
});

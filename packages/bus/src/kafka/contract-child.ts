// The bus the contract suite's child processes open (its crash test): an entry point of tests, so
// it reads its configuration from the environment.
import type { Bus } from '../port.ts';
import { createKafkaBus } from './kafka-bus.ts';

export function openBus(): Promise<Bus> {
  return createKafkaBus({
    brokers: (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(','),
    clientId: 'eventflow-contract-child',
    sessionTimeoutMs: 6_000,
    heartbeatIntervalMs: 500,
  });
}

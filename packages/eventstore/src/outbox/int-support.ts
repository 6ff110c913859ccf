import type { Bus } from '@eventflow/bus';
import { createKafkaBus } from '@eventflow/bus/kafka';
import { openTestSchema } from '../postgres/test-schema.ts';
import type { SqlDatabase } from '@eventflow/sql';
import { createEventStore } from '../store/create-store.ts';
import type { EventStore } from '../store/types.ts';
import type { Defer } from '../testing/index.ts';
import { createOutbox, type Outbox } from './outbox.ts';
import { defineOutboxRouter, type OutboxRouter } from './router.ts';
import { countedTopic } from './test-support.ts';

const brokers = (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(',');

/** A Kafka bus of its own, closed after the test. */
export async function kafkaBus(defer: Defer): Promise<Bus> {
  const bus = await createKafkaBus({ brokers, clientId: 'eventflow-outbox-test' });
  defer(() => bus.close());
  return bus;
}

export interface PostgresOutbox {
  readonly db: SqlDatabase;
  readonly schema: string;
  readonly topic: ReturnType<typeof countedTopic>;
  readonly router: OutboxRouter;
  readonly outbox: Outbox;
  readonly store: EventStore;
}

/** A migrated schema of its own on the real PostgreSQL, a store whose appends fill the outbox, a topic of its own. */
export async function postgresOutbox(defer: Defer, connections = 10): Promise<PostgresOutbox> {
  const target = await openTestSchema(connections);
  defer(() => target.close());
  const topic = countedTopic(4);
  const router = defineOutboxRouter({ Counted: { topic } });
  const outbox = createOutbox({ schema: target.schema, router });
  const store = createEventStore({ executor: target.db, schema: target.schema, onAppended: outbox.onAppended });
  return { db: target.db, schema: target.schema, topic, router, outbox, store };
}

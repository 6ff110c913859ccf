// What one test run of a distributed platform keeps to itself on the shared servers: its PostgreSQL
// schemas, its MongoDB database and its Kafka consumer groups, as environment for every service;
// `drop` removes the schemas and the database after the run. Runs side by side never share state.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { dropMongoDatabase, mongoDatabaseUrl } from '@eventflow/docstore/testing';
import { servers } from '@eventflow/host/testing';

export interface RunIsolation {
  readonly env: Readonly<Record<string, string>>;
  /** The PostgreSQL schemas of this run, by variable. */
  readonly schemas: Readonly<Record<string, string>>;
  drop(): Promise<void>;
}

export function runIsolation(name: string, databaseUrl: string = servers.databaseUrl): RunIsolation {
  const run = `${name.replaceAll('-', '_')}_${randomUUID().replaceAll('-', '').slice(0, 10)}`;
  const schemas = {
    JOBS_SCHEMA: `${run}_jobs`,
    INVENTORY_SCHEMA: `${run}_inventory`,
    RESERVATIONS_SCHEMA: `${run}_reservations`,
    PAYMENTS_SCHEMA: `${run}_payments`,
    PAYMENT_PROVIDER_SCHEMA: `${run}_provider`,
    SCHEMA_REGISTRY_SCHEMA: `${run}_schemas`,
    NOTIFICATIONS_SCHEMA: `${run}_notif`,
  };
  return {
    schemas,
    env: {
      ...schemas,
      MONGODB_URL: mongoDatabaseUrl(servers.mongodbUrl, run),
      EVENTS_PROJECTION_GROUP: `events-disponibles-${run}`,
      NOTIFICATIONS_GROUP: `notifications-${run}`,
      // A new group reads the topics' history: the emails of earlier runs are not this run's to send.
      NOTIFICATIONS_NOT_BEFORE: new Date().toISOString(),
    },
    async drop() {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      try {
        for (const schema of Object.values(schemas)) {
          // The job server keeps a second schema of its own beside pg-boss's.
          await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; DROP SCHEMA IF EXISTS ${schema}_server CASCADE`);
        }
      } finally {
        await client.end();
      }
      await dropMongoDatabase(servers.mongodbUrl, run);
    },
  };
}

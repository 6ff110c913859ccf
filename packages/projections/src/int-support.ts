// Shared by this package's real-server tests: a store on a schema of its own on the real PostgreSQL.
import { randomUUID } from 'node:crypto';
import { createEventStore, migrate, type EventStore, type SqlDatabase } from '@eventflow/eventstore';
import { openPostgresDatabase } from '@eventflow/sql/postgres';
import type { Defer } from '@eventflow/eventstore/testing';

export const databaseUrl = process.env['DATABASE_URL'] ?? 'postgres://eventflow:eventflow@127.0.0.1:5432/eventflow';
export const mongodbUrl = process.env['MONGODB_URL'] ?? 'mongodb://127.0.0.1:27017/eventflow';
export const redisUrl = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';

/** A pool, a migrated schema of its own (dropped after the test) and a store on it. */
export async function postgresStore(
  defer: Defer,
  connections = 10,
): Promise<{ db: SqlDatabase; schema: string; store: EventStore }> {
  const db = openPostgresDatabase({ connectionString: databaseUrl, maxConnections: connections });
  const schema = `proj_test_${randomUUID().replaceAll('-', '').slice(0, 20)}`;
  defer(async () => {
    await db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await db.close();
  });
  await migrate(db, { schema });
  return { db, schema, store: createEventStore({ executor: db, schema }) };
}

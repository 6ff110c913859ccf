// Shared by this package's tests: a schema of its own on PGlite (one PGlite per test file) or PostgreSQL.
import { randomUUID } from 'node:crypto';
import type { SqlDatabase, SqlExecutor } from '@eventflow/eventstore';
import { openPGliteDatabase } from '@eventflow/sql/pglite';
import { openPostgresDatabase } from '@eventflow/sql/postgres';
import type { Defer } from '@eventflow/eventstore/testing';

export const databaseUrl = process.env['DATABASE_URL'] ?? 'postgres://eventflow:eventflow@127.0.0.1:5432/eventflow';
export const kafkaBrokers = (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(',');

export interface Target {
  readonly kind: 'pglite' | 'postgres';
  readonly executor: SqlExecutor;
  readonly schema: string;
}

export type OpenTarget = (defer: Defer) => Promise<Target>;

export function uniqueSchema(prefix = 'saga_test'): string {
  return `${prefix}_${randomUUID().replaceAll('-', '').slice(0, 20)}`;
}

/** A pool and a schema of its own on the real PostgreSQL, dropped after the test. */
export const postgresTarget: OpenTarget = (defer) => {
  const db = openPostgresDatabase({ connectionString: databaseUrl, maxConnections: 10 });
  const schema = uniqueSchema();
  defer(async () => {
    await db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE; DROP SCHEMA IF EXISTS "${schema}_choreography" CASCADE`);
    await db.close();
  });
  return Promise.resolve({ kind: 'postgres', executor: db, schema });
};

/** One PGlite per test file (it takes seconds to start), a schema of its own per test. */
export function pgliteTargets(): { open: OpenTarget; close: () => Promise<void> } {
  let db: Promise<SqlDatabase> | undefined;
  return {
    async open(defer) {
      db ??= openPGliteDatabase();
      const executor = await db;
      const schema = uniqueSchema();
      defer(async () => {
        await executor.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        await executor.query(`DROP SCHEMA IF EXISTS "${schema}_choreography" CASCADE`);
      });
      return { kind: 'pglite', executor, schema };
    },
    async close() {
      await (await db)?.close();
    },
  };
}

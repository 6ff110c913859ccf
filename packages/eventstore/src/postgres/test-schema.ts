import { randomUUID } from 'node:crypto';
import { migrate } from '../schema/migrate.ts';
import type { SqlDatabase } from '@eventflow/sql';
import type { StoreUnderTest } from '../testing/index.ts';
import { openPostgresDatabase } from '@eventflow/sql/postgres';

/** The real PostgreSQL of the integration tests (npm test sets DATABASE_URL; infra/local's default otherwise). */
export const testDatabaseUrl = process.env['DATABASE_URL'] ?? 'postgres://eventflow:eventflow@127.0.0.1:5432/eventflow';

/** A pool of several connections and a migrated schema of its own, dropped on close. */
export async function openTestSchema(maxConnections = 10): Promise<StoreUnderTest & { readonly db: SqlDatabase }> {
  const db = openPostgresDatabase({ connectionString: testDatabaseUrl, maxConnections });
  const schema = `es_test_${randomUUID().replaceAll('-', '').slice(0, 20)}`;
  await migrate(db, { schema });
  return {
    db,
    executor: db,
    schema,
    async close() {
      await db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await db.close();
    },
  };
}

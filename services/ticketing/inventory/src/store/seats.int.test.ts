import { randomUUID } from 'node:crypto';
import { openPostgresDatabase } from '@eventflow/sql/postgres';
import { seatSuite } from '../testing/seat-suite.ts';

const connectionString = process.env['DATABASE_URL'] ?? 'postgres://eventflow:eventflow@127.0.0.1:5432/eventflow';

seatSuite('PostgreSQL', {
  open(t) {
    const sql = openPostgresDatabase({ connectionString, maxConnections: 10 });
    const schema = `inventory_test_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
    t.after(async () => {
      await sql.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await sql.close();
    });
    return Promise.resolve({ sql, schema });
  },
});

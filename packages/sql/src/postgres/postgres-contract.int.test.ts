import { sqlContract } from '../testing/index.ts';
import { openPostgresDatabase } from './pg-executor.ts';

const url = process.env['DATABASE_URL'] ?? 'postgres://eventflow:eventflow@127.0.0.1:5432/eventflow';

sqlContract('postgres', () => {
  const db = openPostgresDatabase({ connectionString: url, maxConnections: 4, applicationName: 'sql-contract' });
  return Promise.resolve({ db, close: () => db.close() });
});

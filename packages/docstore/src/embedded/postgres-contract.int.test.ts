import { randomUUID } from 'node:crypto';
import { after } from 'node:test';
import { openPostgresDatabase } from '@eventflow/sql/postgres';
import { documentStoreContract } from '../testing/index.ts';
import { openEmbeddedDocumentStore } from './store.ts';

const url = process.env['DATABASE_URL'] ?? 'postgres://eventflow:eventflow@127.0.0.1:5432/eventflow';
const schema = `docstore_contract_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
const sql = openPostgresDatabase({ connectionString: url, maxConnections: 10, applicationName: 'docstore-contract' });
after(async () => {
  await sql.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await sql.close();
});

documentStoreContract('embedded on postgres', async () => {
  const store = await openEmbeddedDocumentStore({ sql, schema });
  return { store, close: () => store.close() };
});

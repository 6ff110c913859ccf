import { randomUUID } from 'node:crypto';
import { after } from 'node:test';
import { documentStoreContract, dropMongoDatabase } from '../testing/index.ts';
import { openMongoDocumentStore } from './store.ts';

const url = process.env['MONGODB_URL'] ?? 'mongodb://127.0.0.1:27017/eventflow';
// A database of the run's own: dropping it drops every collection the tests made.
const database = `docstore_contract_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
after(() => dropMongoDatabase(url, database));

documentStoreContract('mongodb', async () => {
  const store = await openMongoDocumentStore({ url, database });
  return { store, close: () => store.close() };
});

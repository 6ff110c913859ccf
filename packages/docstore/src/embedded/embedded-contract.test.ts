import { after } from 'node:test';
import { openPGliteDatabase } from '@eventflow/sql/pglite';
import { documentStoreContract } from '../testing/index.ts';
import { openEmbeddedDocumentStore } from './store.ts';

// One in-memory PGlite for the file (it takes a moment to start); each test opens a store on it.
const sql = await openPGliteDatabase();
after(() => sql.close());

documentStoreContract('embedded on pglite', async () => {
  const store = await openEmbeddedDocumentStore({ sql });
  return { store, close: () => store.close() };
});

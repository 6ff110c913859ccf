import { openPGliteDatabase } from '@eventflow/sql/pglite';
import { openEmbeddedDocumentStore } from '../embedded/store.ts';
import type { DocumentStoreUnderTest } from './harness.ts';

/** For unit tests: the embedded adapter on an in-memory PGlite of its own; `close()` stops both. */
export async function openTestDocumentStore(): Promise<DocumentStoreUnderTest> {
  const sql = await openPGliteDatabase();
  const store = await openEmbeddedDocumentStore({ sql });
  return {
    store,
    async close() {
      await store.close();
      await sql.close();
    },
  };
}

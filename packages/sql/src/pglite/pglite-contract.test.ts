import { sqlContract } from '../testing/index.ts';
import { openPGliteDatabase } from './pglite-executor.ts';

sqlContract('pglite', async () => {
  const db = await openPGliteDatabase();
  return { db, close: () => db.close() };
});

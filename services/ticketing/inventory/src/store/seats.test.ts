import { openPGliteDatabase } from '@eventflow/sql/pglite';
import { seatSuite } from '../testing/seat-suite.ts';

seatSuite('PGlite', {
  async open(t) {
    const sql = await openPGliteDatabase();
    t.after(() => sql.close());
    return { sql, schema: 'inventory' };
  },
});

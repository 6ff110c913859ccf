import { after, before } from 'node:test';
import type { SqlDatabase } from '@eventflow/eventstore';
import { openPGliteDatabase } from '@eventflow/sql/pglite';
import { registryCases } from './registry-cases.ts';
import { openTestRegistry } from './testing/index.ts';

// One PGlite for the file (it takes a while to start); each test has a schema of its own on it.
let db: SqlDatabase | undefined;
before(async () => {
  db = await openPGliteDatabase();
});
after(() => db?.close());

registryCases('pglite', () => openTestRegistry({ kind: 'pglite', ...(db === undefined ? {} : { db }) }));

import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { openPGliteDatabase } from './pglite-executor.ts';
import { pgliteTemplate } from './template.ts';

test('new PGlites start from a template made once in the cache; an existing folder keeps its data', async (t) => {
  const cache = await mkdtemp(join(tmpdir(), 'pglite-template-cache-'));
  const data = await mkdtemp(join(tmpdir(), 'pglite-template-data-'));
  t.after(() => Promise.all([rm(cache, { recursive: true, force: true }), rm(data, { recursive: true, force: true })]));
  // The first call of the process decides where the template lives.
  const template = await pgliteTemplate({ EVENTFLOW_CACHE: cache });
  assert.ok(template !== undefined && template.size > 0);
  assert.deepEqual(
    readdirSync(cache).filter((f) => f.endsWith('-template.tar')).length,
    1,
    'written once, atomically, into the cache',
  );

  const folder = join(data, 'service');
  const first = await openPGliteDatabase({ dataDir: folder });
  assert.ok(existsSync(join(folder, 'PG_VERSION')), 'the template became the folder');
  await first.query('CREATE TABLE kept (n int)');
  await first.query('INSERT INTO kept VALUES (42)');
  await first.close();

  const again = await openPGliteDatabase({ dataDir: folder });
  assert.deepEqual(
    await again.query('SELECT n FROM kept'),
    [{ n: 42 }],
    'an initialised folder is opened, not replaced',
  );
  await again.close();

  const memory = await openPGliteDatabase();
  assert.deepEqual(await memory.query('SELECT 1 AS one'), [{ one: 1 }]);
  assert.deepEqual(
    await memory.query(`SELECT to_regclass('kept') AS t`),
    [{ t: null }],
    'each new database is its own',
  );
  await memory.close();
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { migrate } from '../../schema/migrate.ts';
import { migrations } from '../../schema/migrations.ts';
import type { SqlExecutor } from '@eventflow/sql';
import { openStore, type MakeStore } from './support.ts';

export function migrationTests(makeStore: MakeStore): void {
  test('migrate is versioned and idempotent, also when several run at once', async (t) => {
    const { target } = await openStore(t, makeStore);
    const latest = migrations.at(-1)!.version;
    assert.deepEqual(await migrate(target.executor, { schema: target.schema }), {
      schema: target.schema,
      applied: [],
      version: latest,
    });

    const fresh = `${target.schema}_m`;
    try {
      await concurrentAndAhead(target.executor, fresh);
    } finally {
      await target.executor.query(`DROP SCHEMA IF EXISTS "${fresh}" CASCADE`);
    }
    await assert.rejects(migrate(target.executor, { schema: 'Bad-Name' }), { code: 'SQL.INVALID_ARGUMENT' });
  });
}

async function concurrentAndAhead(executor: SqlExecutor, fresh: string): Promise<void> {
  const reports = await Promise.all([1, 2, 3].map(() => migrate(executor, { schema: fresh })));
  assert.deepEqual(reports.map((report) => report.applied.length).sort(), [0, 0, migrations.length]);
  const recorded = await executor.query<{ version: number }>(
    `SELECT version FROM "${fresh}".eventstore_migrations ORDER BY version`,
  );
  assert.deepEqual(
    recorded.map((row) => Number(row.version)),
    migrations.map((m) => m.version),
  );

  await executor.query(`INSERT INTO "${fresh}".eventstore_migrations (version, name) VALUES (9999, 'future')`);
  await assert.rejects(migrate(executor, { schema: fresh }), { code: 'SQL.SCHEMA_AHEAD' });
}

import assert from 'node:assert/strict';
import test from 'node:test';
import { cleanupStack } from '@eventflow/eventstore/testing';
import { postgresTarget } from '../test-support.ts';
import { migrateSagas } from './migrations.ts';

test('migrateSagas from several connections at once applies each migration once; a newer schema is refused', async (t) => {
  const { executor, schema } = await postgresTarget(cleanupStack(t));
  const reports = await Promise.all(Array.from({ length: 4 }, () => migrateSagas(executor, { schema })));
  assert.deepEqual(reports.map((report) => report.applied).flat(), [1]);
  assert.deepEqual((await migrateSagas(executor, { schema })).applied, []);
  await executor.query(`INSERT INTO "${schema}".saga_migrations (version, name) VALUES (99, 'from the future')`);
  await assert.rejects(migrateSagas(executor, { schema }), { code: 'SQL.SCHEMA_AHEAD' });
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openPostgresDatabase } from '@eventflow/sql/postgres';
import { createSchemaRegistry } from './index.ts';
import { registryCases } from './registry-cases.ts';
import { openTestRegistry } from './testing/index.ts';

const url = process.env['DATABASE_URL'] ?? 'postgres://eventflow:eventflow@127.0.0.1:5432/eventflow';

registryCases('postgres', () => openTestRegistry({ kind: 'postgres', url, maxConnections: 8 }));

test('postgres: two registry clients with pools of their own race on one type; each version goes to one schema', async (t) => {
  const target = await openTestRegistry({ kind: 'postgres', url });
  t.after(() => target.close());
  const other = openPostgresDatabase({ connectionString: url, maxConnections: 8 });
  t.after(() => other.close());
  const clients = [target.registry, createSchemaRegistry({ executor: other, schema: target.schema })];
  const base = { type: 'object', properties: { id: { type: 'string' } } };
  await clients[0]!.register('Raced', base);
  const schemas = Array.from({ length: 12 }, (_, i) => ({
    ...base,
    properties: { ...base.properties, [`f${i}`]: { type: 'integer' } },
  }));
  const results = await Promise.all(schemas.map((schema, i) => clients[i % 2]!.register('Raced', schema)));
  assert.deepEqual(
    results.map((r) => r.version).sort((a, b) => a - b),
    Array.from({ length: 12 }, (_, i) => i + 2),
  );
  // Every stored version holds the schema its registration was told about.
  for (const [i, result] of results.entries()) {
    assert.deepEqual((await clients[(i + 1) % 2]!.get('Raced', result.version)).schema, schemas[i]);
  }
});

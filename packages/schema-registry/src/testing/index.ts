import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { SqlDatabase } from '@eventflow/eventstore';
import { openPGliteDatabase } from '@eventflow/sql/pglite';
import { openPostgresDatabase } from '@eventflow/sql/postgres';
import { checkCompatibility, type CompatibilityMode } from '../compatibility/check.ts';
import { openSchemaRegistry, type SchemaRegistry } from '../registry.ts';

export interface CompatibilityThen {
  thenCompatible(): void;
  /** Incompatible, with exactly these messages (in order). */
  thenIncompatible(messages: readonly string[]): void;
}

/**
 * Given/when/then for the checker: `compatibilitySpec('BACKWARD').given(v1, v2).when(v3).thenIncompatible([…])`.
 * The given schemas are versions 1, 2, … in order.
 */
export function compatibilitySpec(mode: CompatibilityMode): {
  given(...versions: unknown[]): { when(next: unknown): CompatibilityThen };
} {
  return {
    given: (...versions) => ({
      when(next) {
        const issues = () =>
          checkCompatibility(
            next,
            versions.map((schema, i) => ({ version: i + 1, schema })),
            mode,
          ).map((issue) => issue.message);
        return {
          thenCompatible: () => assert.deepEqual(issues(), [], `expected ${mode} compatible`),
          thenIncompatible: (messages) => assert.deepEqual(issues(), messages),
        };
      },
    }),
  };
}

export interface RegistryUnderTest {
  readonly registry: SchemaRegistry;
  readonly db: SqlDatabase;
  readonly schema: string;
  /** Drops the schema (PostgreSQL) and closes the database. */
  close(): Promise<void>;
}

/**
 * A registry in a schema of its own: on an in-memory PGlite (a new one, or `db` shared between tests:
 * it takes a second or more to start), or on PostgreSQL at `url`.
 */
export async function openTestRegistry(
  target:
    | { readonly kind: 'pglite'; readonly db?: SqlDatabase }
    | { readonly kind: 'postgres'; readonly url: string; readonly maxConnections?: number },
): Promise<RegistryUnderTest> {
  const shared = target.kind === 'pglite' ? target.db : undefined;
  const db =
    target.kind === 'postgres'
      ? openPostgresDatabase({ connectionString: target.url, maxConnections: target.maxConnections ?? 4 })
      : (shared ?? (await openPGliteDatabase()));
  const schema = `sr_test_${randomUUID().replaceAll('-', '').slice(0, 20)}`;
  const registry = await openSchemaRegistry({ executor: db, schema });
  return {
    registry,
    db,
    schema,
    async close() {
      if (db.kind === 'postgres' || shared !== undefined) await db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      if (shared === undefined) await db.close();
    },
  };
}

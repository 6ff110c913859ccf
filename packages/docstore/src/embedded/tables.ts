import { sqlState, violatedConstraint, type SqlExecutor } from '@eventflow/sql';
import { docStoreError, type DocStoreError } from '../errors.ts';
import type { UniqueIndex } from '../validate/options.ts';
import { indexKey, objectName, tableName } from './sql-text.ts';

/** A collection's table, and which of its constraints stands for which unique index. */
export interface CollectionTable {
  readonly collection: string;
  readonly table: string;
  /** Constraint or index name → the unique index it enforces (the primary key is `_id`). */
  readonly constraints: Map<string, UniqueIndex>;
}

const idIndex: UniqueIndex = { name: '_id_', fields: ['_id'], segments: [['_id']] };

export function collectionTable(schema: string, collection: string): CollectionTable {
  const constraints = new Map([[objectName('pk', schema, collection), idIndex]]);
  return { collection, table: tableName(schema, collection), constraints };
}

/**
 * Makes the schema, the table (`_id text PRIMARY KEY, doc jsonb`), its GIN index and the unique
 * indexes, if missing; under an advisory lock on the schema, so processes starting together do not
 * race on CREATE … IF NOT EXISTS.
 */
export async function ensureTable(
  sql: SqlExecutor,
  schema: string,
  target: CollectionTable,
  indexes: readonly UniqueIndex[],
): Promise<void> {
  const { collection, table } = target;
  await sql.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`docstore:${schema}`]);
    await tx.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await tx.query(
      `CREATE TABLE IF NOT EXISTS ${table} (_id text COLLATE "C" NOT NULL, doc jsonb NOT NULL, ` +
        `CONSTRAINT "${objectName('pk', schema, collection)}" PRIMARY KEY (_id))`,
    );
    await tx.query(
      `CREATE INDEX IF NOT EXISTS "${objectName('gin', schema, collection)}" ON ${table} USING gin (doc jsonb_path_ops)`,
    );
    for (const index of indexes) {
      const name = objectName('ux', schema, collection, index.name);
      target.constraints.set(name, index);
      await tx
        .query(`CREATE UNIQUE INDEX IF NOT EXISTS "${name}" ON ${table} (${indexKey(index.segments)})`)
        .catch((error: unknown) => {
          throw sqlState(error) === '23505' ? duplicate(target, index, error) : error;
        });
    }
  });
}

/** A unique violation as DOCSTORE.DUPLICATE naming its index; any other error as it is. */
export function mapWriteError(target: CollectionTable, error: unknown): unknown {
  if (sqlState(error) !== '23505') return error;
  const constraint = violatedConstraint(error) ?? '';
  return duplicate(target, target.constraints.get(constraint) ?? { name: constraint, fields: [], segments: [] }, error);
}

function duplicate(target: CollectionTable, index: UniqueIndex, cause: unknown): DocStoreError<'DOCSTORE.DUPLICATE'> {
  const { collection } = target;
  return docStoreError(
    'DOCSTORE.DUPLICATE',
    `${collection}: unique index ${index.name} (${index.fields.join(', ')}) already holds that value`,
    { collection, index: index.name, fields: index.fields },
    cause,
  );
}

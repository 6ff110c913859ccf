import type { SqlExecutor } from '@eventflow/eventstore';
import type { ReadModel } from '../projection.ts';

/** What a same-database handler writes through: the projection's transaction. */
export interface SqlContext {
  readonly sql: SqlExecutor;
}

export interface SqlReadModelOptions {
  /** Tables to empty on a rebuild (schema-qualified, as you would write them in SQL). */
  readonly tables?: readonly string[];
  /** Or empty the read model yourself (in `tx`). */
  readonly clear?: (tx: SqlExecutor) => Promise<void>;
}

/**
 * A read model in the event store's own database (PostgreSQL, or PGlite when embedded): handlers write
 * in the transaction that also moves the checkpoint — or, inline, in the append's transaction — so each
 * event is applied exactly once and a rebuild's clearing commits with its first batch.
 */
export function sqlReadModel(options: SqlReadModelOptions): ReadModel<SqlContext> {
  const tables = options.tables ?? [];
  return {
    kind: 'sql',
    context: (tx) => ({ sql: tx }),
    async clear(tx) {
      if (tables.length > 0) await tx.query(`TRUNCATE ${tables.join(', ')}`);
      await options.clear?.(tx);
    },
  };
}

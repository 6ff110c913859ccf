import type { SqlExecutor } from '@eventflow/sql';
import { quoteSchema } from '../sql/identifiers.ts';

export interface RefuseWritesOptions {
  readonly schema: string;
  /** A table of that schema: `outbox`, `outbox_checkpoint`, `projection_checkpoints`, `inbox`, … */
  readonly table: string;
  readonly on: 'INSERT' | 'UPDATE' | 'DELETE';
}

export interface RefusedWrites {
  /** Lets the writes through again. */
  restore(): Promise<void>;
}

const legalTable = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Makes every INSERT, UPDATE or DELETE of a table fail (a trigger that raises) until restored: the way
 * to crash a worker between two of its steps on purpose — say, after the relay published and before it
 * marked — on PostgreSQL and PGlite alike.
 */
export async function refuseWrites(executor: SqlExecutor, options: RefuseWritesOptions): Promise<RefusedWrites> {
  if (!legalTable.test(options.table)) throw new RangeError(`illegal table name ${options.table}`);
  const schema = quoteSchema(options.schema);
  const name = `eventflow_refuse_${options.table}_${options.on.toLowerCase()}`.slice(0, 63);
  await executor.query(`CREATE FUNCTION ${schema}.${name}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'refused on purpose: % on %', TG_OP, TG_TABLE_NAME; END $$`);
  await executor.query(
    `CREATE TRIGGER ${name} BEFORE ${options.on} ON ${schema}.${options.table}
     FOR EACH STATEMENT EXECUTE FUNCTION ${schema}.${name}()`,
  );
  return {
    async restore() {
      await executor.query(`DROP TRIGGER IF EXISTS ${name} ON ${schema}.${options.table}`);
      await executor.query(`DROP FUNCTION IF EXISTS ${schema}.${name}()`);
    },
  };
}

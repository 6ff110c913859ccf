import type { ConstructorOptions, Db } from 'pg-boss';
import type { SqlDatabase } from '@eventflow/sql';

/** Runs SQL and answers the rows. */
export interface SqlRunner {
  query<Row extends object = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
}

/** A transaction: our statements, and pg-boss's through `boss` (its `db` option), commit together. */
export interface SqlTransaction extends SqlRunner {
  readonly boss: Db;
}

/**
 * Where the job server keeps everything: PostgreSQL (distributed) or PGlite (embedded). pg-boss and
 * the job server's own tables share it, so a transaction spans both.
 */
export interface JobDatabase extends SqlRunner {
  readonly kind: 'postgres' | 'pglite';
  /** The SQL port it runs on (migrations go through it). */
  readonly sql: SqlDatabase;
  transaction<T>(work: (tx: SqlTransaction) => Promise<T>): Promise<T>;
  /** How pg-boss reaches this database. */
  bossOptions(): ConstructorOptions;
  /** Releases what the job server opened (a pool, an embedded engine it started); not what it was handed. */
  close(): Promise<void>;
}

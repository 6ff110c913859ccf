import { createHash } from 'node:crypto';
import type { PGliteInterface } from '@electric-sql/pglite';

/**
 * The one port every event-store statement goes through. The PostgreSQL (pg Pool) and PGlite adapters
 * implement it, and the store sends both the same SQL text.
 */
export interface SqlExecutor {
  /** Runs one statement; `$1…$n` placeholders, values bound by the driver. */
  query<Row extends object = Record<string, unknown>>(
    sql: string,
    params?: readonly unknown[],
    options?: QueryOptions,
  ): Promise<Row[]>;
  /**
   * Runs `work` in a transaction: committed when it resolves, rolled back when it throws. Called on an
   * executor that is already in a transaction, it nests as a savepoint. Inside `work` use only `tx`:
   * the outer executor is another connection (pg) or waits for this transaction to end (PGlite).
   */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /**
   * Calls `handlers.notify` on every NOTIFY to `channel` (lower-case letters, digits and `_`), until the
   * returned function is called. Present on the adapters' own executors, absent inside a transaction.
   * On PostgreSQL it holds one connection of the pool; `handlers.lost` says that connection is gone
   * (listen again); on PGlite the notifications are in-process.
   */
  listen?(channel: string, handlers: NotificationHandlers): Promise<() => Promise<void>>;
}

export interface QueryOptions {
  /**
   * A name for the statement, which an adapter may prepare once per connection and then only bind and
   * execute (pg does; PGlite ignores it). One name must always stand for one text: use statementName.
   */
  readonly name?: string;
}

/** A prepared statement's name made from its text, so one name never stands for two texts. */
export function statementName(prefix: string, sql: string): string {
  return `${prefix}_${createHash('sha256').update(sql).digest('hex').slice(0, 24)}`;
}

export interface NotificationHandlers {
  notify(): void;
  lost?(error: unknown): void;
}

const legalChannel = /^[a-z_][a-z0-9_]{0,62}$/;

/** A channel name safe to put in LISTEN unquoted (PGlite lower-cases what it is given). */
export function checkChannel(channel: string): string {
  if (!legalChannel.test(channel)) throw new RangeError(`illegal channel name ${JSON.stringify(channel)}`);
  return channel;
}

/**
 * How a library that brings its own driver (pg-boss) reaches the same database: PostgreSQL by its
 * URL, PGlite by the engine itself (it has no socket).
 */
export type SqlConnection =
  | { readonly kind: 'postgres'; readonly connectionString: string }
  | { readonly kind: 'pglite'; readonly pglite: PGliteInterface };

/** An executor that owns its connections. */
export interface SqlDatabase extends SqlExecutor {
  readonly kind: 'postgres' | 'pglite';
  readonly connection: SqlConnection;
  close(): Promise<void>;
}

/** The SQLSTATE of a driver error (both pg and PGlite put it in `code`), if any. */
export function sqlState(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

/** The constraint a driver error names (both pg and PGlite put it in `constraint`), if any. */
export function violatedConstraint(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('constraint' in error)) return undefined;
  return typeof error.constraint === 'string' ? error.constraint : undefined;
}

/** The DETAIL of a driver error (both pg and PGlite put it in `detail`), if any. */
export function errorDetail(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('detail' in error)) return undefined;
  return typeof error.detail === 'string' ? error.detail : undefined;
}

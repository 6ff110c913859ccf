/** Stable codes of the SQL port's own errors (driver errors keep their SQLSTATE, see `sqlState`). */
export type SqlErrorCode =
  /** A schema, component or channel name that cannot be put in SQL text safely. */
  | 'SQL.INVALID_ARGUMENT'
  /** The schema was migrated by newer code: it has migrations this code does not know. */
  | 'SQL.SCHEMA_AHEAD';

export class SqlError extends Error {
  readonly code: SqlErrorCode;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: SqlErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'SqlError';
    this.code = code;
    this.details = details;
    // Refused for good: retrying cannot fix a name or a schema ahead of the code.
    Object.defineProperty(this, 'retryable', { value: false, enumerable: false });
  }
}

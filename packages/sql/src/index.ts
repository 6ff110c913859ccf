export {
  checkChannel,
  errorDetail,
  sqlState,
  statementName,
  violatedConstraint,
  type NotificationHandlers,
  type QueryOptions,
  type SqlConnection,
  type SqlDatabase,
  type SqlExecutor,
} from './executor.ts';
export { transactionExecutor } from './savepoints.ts';
export { SqlError, type SqlErrorCode } from './errors.ts';
export { migrateSchema, quoteIdentifier, type Migration, type MigrationReport, type MigrationSet } from './migrate.ts';

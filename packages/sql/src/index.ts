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

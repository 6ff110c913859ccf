export {
  openPostgresDatabase,
  postgresExecutor,
  type PostgresDatabaseOptions,
  type PostgresExecutorOptions,
} from './pg-executor.ts';

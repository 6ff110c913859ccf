export { openPostgresDatabase, postgresExecutor, type PostgresDatabaseOptions } from './pg-executor.ts';

import { migrateSchema, type Migration, type MigrationReport, type SqlExecutor } from '@eventflow/sql';
import { migrations as allMigrations } from './migrations.ts';

export type { MigrationReport };

export interface MigrateOptions {
  /** Default 'eventstore'. Tests give each run a schema of its own. */
  readonly schema?: string;
  /** The migrations to apply; default the event store's. Other packages pass theirs, with a `component`. */
  readonly migrations?: readonly Migration[];
  /**
   * Whose migrations these are (default 'eventstore'): names the table recording them
   * (`<component>_migrations`) and the advisory lock, so several components can share one schema.
   */
  readonly component?: string;
}

/** The event store's schema brought up to date with the SQL port's migrator (`migrateSchema`). */
export function migrate(executor: SqlExecutor, options: MigrateOptions = {}): Promise<MigrationReport> {
  return migrateSchema(executor, {
    component: options.component ?? 'eventstore',
    schema: options.schema ?? 'eventstore',
    migrations: options.migrations ?? allMigrations,
  });
}

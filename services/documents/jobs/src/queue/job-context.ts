import type { PgBoss } from 'pg-boss';
import type { JobDatabase } from '../db/database.ts';
import type { JobSchemas } from '../db/schema.ts';
import type { RetryPolicy } from './retry-policy.ts';

/** What every use case of the job server works with. */
export interface JobContext {
  readonly db: JobDatabase;
  readonly boss: PgBoss;
  readonly schemas: JobSchemas;
  /** The retry policy of jobs that do not bring their own. */
  readonly policy: RetryPolicy;
  readonly now: () => Date;
}

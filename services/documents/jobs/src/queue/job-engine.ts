import type { FastifyBaseLogger } from 'fastify';
import type { Worker } from '@eventflow/service';
import { describeDatabase, openJobDatabase, type JobDatabaseOption } from '../db/open.ts';
import { migrateSchema } from '@eventflow/sql';
import { jobMigrations, jobSchemas } from '../db/schema.ts';
import { jobErrors } from '../errors.ts';
import { startBoss, type BossSettings } from './boss.ts';
import type { JobContext } from './job-context.ts';
import { takeBackOrphans } from './orphans.ts';
import type { RetryPolicy } from './retry-policy.ts';

export interface JobEngineOptions {
  readonly db: JobDatabaseOption;
  readonly schema: string;
  readonly policy: RetryPolicy;
  readonly now: () => Date;
  readonly boss: Omit<BossSettings, 'onError'>;
  /** The host already applied `jobMigrations` (default false: the engine applies them when it opens). */
  readonly migrated?: boolean;
}

/**
 * The job database and pg-boss on it. Opened in the background when the service starts: a first
 * embedded start (PGlite's initdb) or a slow database can outlast Fastify's 10 s for a ready hook,
 * so readiness reports it as down until it is open, and requests wait for it. Closed last.
 */
export class JobEngine {
  readonly #options: JobEngineOptions;
  #opening: Promise<JobContext> | undefined;
  #open: JobContext | undefined;

  constructor(options: JobEngineOptions) {
    this.#options = options;
  }

  /** What the use cases work with, once open; a 503 when it is not opening or failed to open. */
  async context(): Promise<JobContext> {
    if (this.#opening === undefined) throw jobErrors.notReady('the service is not started');
    try {
      return await this.#opening;
    } catch (error) {
      throw jobErrors.notReady(error instanceof Error ? error.message : String(error));
    }
  }

  /** Readiness: a real query once open. */
  async probe(): Promise<string> {
    if (this.#open === undefined) throw new Error(this.#opening === undefined ? 'not started' : 'still opening');
    await this.#open.db.query('SELECT 1');
    return describeDatabase(this.#options.db);
  }

  start(log: FastifyBaseLogger): void {
    this.#opening ??= this.#connect(log);
    this.#opening.then(
      (context) => {
        this.#open = context;
        log.info({ database: describeDatabase(this.#options.db), schema: this.#options.schema }, 'job database open');
      },
      (error: unknown) => log.error({ err: error }, 'job database failed to open'),
    );
  }

  async close(): Promise<void> {
    const opening = this.#opening;
    this.#opening = undefined;
    this.#open = undefined;
    const context = await opening?.catch(() => undefined);
    if (context === undefined) return;
    await context.boss.stop({ graceful: true, close: true, timeout: 10_000 });
    await context.db.close();
  }

  /** The kit worker that opens the engine first and closes it last. */
  worker(): Worker {
    return {
      name: 'job-database',
      start: ({ log }) => Promise.resolve(this.start(log)),
      close: () => this.close(),
    };
  }

  async #connect(log: FastifyBaseLogger): Promise<JobContext> {
    const { db: option, schema, policy, now } = this.#options;
    const db = await openJobDatabase(option);
    try {
      const schemas = jobSchemas(schema);
      if (this.#options.migrated !== true) await migrateSchema(db.sql, jobMigrations(schemas));
      const onError = (error: Error) => log.error({ err: error }, 'pg-boss error');
      const boss = await startBoss(db, schemas, policy, { ...this.#options.boss, onError });
      const orphans = await takeBackOrphans(db, boss, schemas);
      if (orphans.length > 0)
        log.warn({ jobs: orphans }, 'jobs left running by a previous process taken back (retried)');
      return { db, boss, schemas, policy, now };
    } catch (error) {
      await db.close().catch(() => undefined);
      throw error;
    }
  }
}

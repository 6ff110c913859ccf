import { PgBoss } from 'pg-boss';
import type { JobDatabase } from '../db/database.ts';
import type { JobSchemas } from '../db/schema.ts';
import { reportQueue } from './report-job.ts';
import { bossRetryOptions, type RetryPolicy } from './retry-policy.ts';

export interface BossSettings {
  /** How often recurring jobs are looked at, in seconds (1-45; default 30, i.e. within the minute). */
  readonly cronIntervalSeconds?: number;
  /** Completed and failed jobs are kept this long for the dashboard (default 7 days). */
  readonly keepFinishedSeconds?: number;
  /**
   * A running job's worker beats this often × 2 (pg-boss's minimum is 10); a job whose beat stops
   * longer (its job server died) is retried. Default 10.
   */
  readonly heartbeatSeconds?: number;
  /** How often lapsed jobs are looked for (pg-boss's supervise and monitor passes), in seconds. Default 5. */
  readonly monitorIntervalSeconds?: number;
  readonly onError: (error: Error) => void;
}

/**
 * Starts pg-boss on the job database (installing or migrating its schema) and makes sure the
 * report queue exists, with the default retry policy. Workers on it are woken by NOTIFY.
 *
 * A job server that dies mid-job costs seconds, not pg-boss's default 15-minute expiry: jobs of
 * the queue carry a heartbeat (`heartbeatSeconds`, refreshed by the worker every half of it), and
 * the supervisor looks for lapsed ones every `monitorIntervalSeconds`, so a job whose worker is gone
 * is retried about `heartbeatSeconds + monitorIntervalSeconds` after its last beat.
 */
export async function startBoss(
  db: JobDatabase,
  schemas: JobSchemas,
  policy: RetryPolicy,
  settings: BossSettings,
): Promise<PgBoss> {
  const cron = settings.cronIntervalSeconds ?? 30;
  const monitor = settings.monitorIntervalSeconds ?? 5;
  const boss = new PgBoss({
    ...db.bossOptions(),
    schema: schemas.boss,
    instanceName: 'hangfire-server',
    cronMonitorIntervalSeconds: cron,
    cronWorkerIntervalSeconds: Math.min(cron, 5),
    superviseIntervalSeconds: monitor,
    monitorIntervalSeconds: monitor,
  });
  boss.on('error', settings.onError);
  await boss.start();
  const queue = {
    ...bossRetryOptions(policy),
    notify: true,
    heartbeatSeconds: settings.heartbeatSeconds ?? 10,
    deleteAfterSeconds: settings.keepFinishedSeconds ?? 7 * 24 * 3600,
  };
  await boss.createQueue(reportQueue, queue); // no-op when it exists (under pg-boss's advisory lock)
  await boss.updateQueue(reportQueue, queue); // the policy may have changed since
  return boss;
}

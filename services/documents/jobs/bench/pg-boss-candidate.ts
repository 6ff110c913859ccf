import type { PGlite } from '@electric-sql/pglite';
import { PgBoss, fromPglite, type ConstructorOptions } from 'pg-boss';
import { countdown, type Candidate } from './workload.ts';

export type BossTarget = { readonly url: string } | { readonly pglite: PGlite };

/**
 * pg-boss, its workers configured as the job server runs them: batches of up to `batchSize` claimed
 * per fetch, fetching again at once while batches come back full (`burstWhenBatchFull`).
 */
export async function pgBossCandidate(name: string, target: BossTarget, batchSize: number): Promise<Candidate> {
  const options: ConstructorOptions =
    'url' in target ? { connectionString: target.url, max: 12 } : { db: fromPglite(target.pglite), backend: 'pglite' };
  const boss = new PgBoss({ ...options, schedule: false, supervise: false });
  boss.on('error', (error) => process.stderr.write(`pg-boss: ${error.message}\n`));
  await boss.start();
  await boss.createQueue('noop');
  return {
    name,
    enqueue: async (n) => void (await boss.send('noop', { n })),
    async drain(count) {
      const done = countdown(count);
      await boss.work(
        'noop',
        { batchSize, localConcurrency: 2, burstWhenBatchFull: true, pollingIntervalSeconds: 0.5 },
        (jobs) => {
          done.tick(jobs.length);
          return Promise.resolve();
        },
      );
      await done.reached;
      await boss.offWork('noop', { wait: true }); // the last batch's completion is stored
    },
    close: () => boss.stop({ graceful: true, close: true }),
  };
}

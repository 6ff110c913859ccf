// completeAndRelease on the embedded engine: a batch of attempts in one transaction, fenced per
// attempt, releasing the continuations of the jobs it completed and only theirs.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { openJobDatabase } from '../db/open.ts';
import { migrateSchema } from '@eventflow/sql';
import { jobMigrations, jobSchemas } from '../db/schema.ts';
import { startBoss } from '../queue/boss.ts';
import type { JobContext } from '../queue/job-context.ts';
import { reportQueue } from '../queue/report-job.ts';
import { bossRetryOptions, defaultRetryPolicy } from '../queue/retry-policy.ts';
import { addContinuation, completeAndRelease } from './continuations.ts';
import { findJob } from './job-queries.ts';

const opening = (async (): Promise<JobContext> => {
  const db = await openJobDatabase({});
  const schemas = jobSchemas('hangfire');
  await migrateSchema(db.sql, jobMigrations(schemas));
  const boss = await startBoss(db, schemas, defaultRetryPolicy, {
    onError: (error) => {
      throw error;
    },
  });
  return { db, boss, schemas, policy: defaultRetryPolicy, now: () => new Date() };
})();
after(async () => {
  const context = await opening;
  await context.boss.stop({ graceful: false, close: true });
  await context.db.close();
});

test('one transaction completes the attempts that still hold their job, releases their continuations, and changes nothing else', async () => {
  const context = await opening;
  const { boss, db, schemas } = context;
  const ids = [];
  for (const clientId of ['a', 'b', 'c']) ids.push((await boss.send(reportQueue, { clientId }))!);
  const fetched = await boss.fetch(reportQueue, { batchSize: 3, includeMetadata: true });
  assert.equal(fetched.length, 3);
  const [a, b, c] = ids.map((id) => fetched.find((job) => job.id === id)!);
  const options = (id: string) => ({ id, ...bossRetryOptions(defaultRetryPolicy) });
  const next = '3f1a6c0e-58a5-4c4e-9d2a-6b1f0a9e7c11';
  const waitingOnB = '3f1a6c0e-58a5-4c4e-9d2a-6b1f0a9e7c12';
  // A parent spelled in upper case by a request still meets its own release.
  await addContinuation(context, a!.id.toUpperCase(), { clientId: 'next' }, options(next));
  await addContinuation(context, b!.id, { clientId: 'waits' }, options(waitingOnB));

  const held = await completeAndRelease(context, [
    { id: a!.id, retryCount: a!.retryCount, output: { file: { fileName: 'a.pdf' } } },
    { id: b!.id, retryCount: b!.retryCount + 1, output: { file: { fileName: 'b.pdf' } } }, // a later attempt's
    { id: c!.id, retryCount: c!.retryCount, output: { file: { fileName: 'c.pdf' } } },
  ]);

  assert.deepEqual([...held].sort(), [a!.id, c!.id].sort());
  assert.equal((await findJob(db, schemas, a!.id))?.state, 'succeeded');
  assert.deepEqual((await findJob(db, schemas, c!.id))?.result, { fileName: 'c.pdf' });
  assert.equal((await findJob(db, schemas, b!.id))?.state, 'processing', 'a stale attempt changes nothing');
  assert.equal((await findJob(db, schemas, next))?.state, 'enqueued', 'the completed parent released its continuation');
  assert.equal((await findJob(db, schemas, waitingOnB))?.state, 'awaiting', 'the other still waits');
  const released = await db.query<{ job_id: string }>(`SELECT job_id::text FROM ${schemas.server}.released`);
  assert.deepEqual(released.map((r) => r.job_id).sort(), [a!.id, c!.id].sort());
  assert.deepEqual(await completeAndRelease(context, []), new Set());
});

// PostgreSQL going away under the job server is a degraded state, never a crash (issue 15, finding
// 3): every backend of the service's connections (its pool and pg-boss's, told apart by an
// application_name of the test's own) is ended while jobs complete and while a transaction of ours
// is open; the process stays up, reports itself ready again, and runs new jobs.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { eventually } from '@eventflow/bus/testing';
import { correlationHeader } from '@eventflow/correlation';
import pg from 'pg';
import { setUp } from '../testing/contract-basics.ts';
import { postgresFixture } from '../testing/fixtures.ts';

const url = process.env['DATABASE_URL'] ?? 'postgres://eventflow:eventflow@127.0.0.1:5432/eventflow';

test('backends ended while jobs complete and a transaction is open: the job server stays up and recovers', async (t) => {
  const application = `jobs-outage-${randomUUID().slice(0, 8)}`;
  // The URL's application_name names every connection the service opens (ours and pg-boss's).
  const serviceUrl = `${url}${url.includes('?') ? '&' : '?'}application_name=${application}`;
  const { jobs, pdf } = await setUp(t, postgresFixture(serviceUrl));
  const admin = new pg.Client({ connectionString: url, application_name: `${application}-admin` });
  await admin.connect();
  t.after(() => admin.end());
  const backends = async (where = 'true') =>
    (
      await admin.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1 AND ${where}`,
        [application],
      )
    ).rows[0]?.n ?? 0;
  const ready = async () => (await jobs.request({ method: 'GET', url: '/health/ready' })).statusCode === 200;
  await eventually(ready, 'ready before the outage');

  // A transaction of ours held open: a continuation takes its parent's advisory lock, held here.
  const parent = await jobs.enqueue({ clientId: 'client-parent', delaySeconds: 3600 });
  await admin.query('SELECT pg_advisory_lock(hashtext($1))', [`continuation:${parent.id}`]);
  const continuation = { clientId: 'client-child', continueAfter: parent.id };
  const blocked = jobs.request({
    method: 'POST',
    url: '/api/hangfire/jobs',
    payload: continuation,
    headers: { [correlationHeader]: 'corr-outage-child' },
  });
  await eventually(async () => (await backends(`wait_event_type = 'Lock'`)) === 1, 'the enqueue waiting on the lock');
  // Jobs running meanwhile (their PDF calls held), to complete as the connections go: completions
  // are transactions too, and pg-boss works its pool.
  pdf.hold();
  const running = await Promise.all(Array.from({ length: 12 }, (_, i) => jobs.enqueue({ clientId: `client-${i}` })));
  await eventually(() => pdf.held >= 4, 'jobs running');

  const ended = (
    await admin.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM (
         SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1
       ) AS ended`,
      [application],
    )
  ).rows[0]?.n;
  assert.ok((ended ?? 0) >= 3, `the service's backends were ended (${ended})`);
  pdf.release();
  const refused = await blocked;
  assert.ok(refused.statusCode >= 500, `the enqueue in the ended transaction failed: ${refused.statusCode}`);
  await admin.query('SELECT pg_advisory_unlock(hashtext($1))', [`continuation:${parent.id}`]);

  // Recovered: ready again, the refused enqueue goes through when retried, new jobs run, and the
  // jobs caught by the outage end succeeded (an attempt cut off is retried).
  await eventually(ready, 'ready after the outage');
  const retried = await jobs.request<{ id: string; state: string }>({
    method: 'POST',
    url: '/api/hangfire/jobs',
    payload: continuation,
    headers: { [correlationHeader]: 'corr-outage-child' },
  });
  assert.equal(retried.statusCode, 201, retried.text);
  assert.equal(retried.body.state, 'awaiting');
  const after = await jobs.enqueue({ clientId: 'client-after' });
  await jobs.waitFor(after.id, 'succeeded');
  for (const job of running) {
    await eventually(
      async () => (await jobs.job(job.id)).state === 'succeeded',
      `job ${job.id} succeeded after the outage`,
      90_000,
    );
  }
  assert.ok(pdf.calls.length >= running.length + 1);
  assert.ok((await backends()) > 0, 'connected again');
});

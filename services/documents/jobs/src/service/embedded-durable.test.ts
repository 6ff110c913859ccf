// The embedded engine on disk: jobs survive the engine itself being closed and reopened, and a
// recurring job's cron really fires (pg-boss's scheduler on PGlite).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eventually } from '@eventflow/bus/testing';
import type { RecurringView } from '../recurring/recurring-view.ts';
import { startFakePdfServer } from '../testing/fake-pdf-server.ts';
import { Cleanup, pgliteFixture } from '../testing/fixtures.ts';
import { openHarness } from '../testing/harness.ts';
import type { JobView } from '../jobs/job-view.ts';

test('a job enqueued before the embedded engine closes runs after it reopens from its folder', async (t) => {
  const cleanup = new Cleanup(t);
  const pdf = await startFakePdfServer();
  cleanup.add(() => pdf.close());
  const database = await pgliteFixture(cleanup);
  const before = await openHarness(cleanup, database, pdf, { runJobs: false });
  const job = await before.enqueue({ clientId: 'client-disk' }, { 'x-correlation-id': 'corr-disk' });
  await before.close(); // closes the engine: everything it had is on disk only now

  const after = await openHarness(cleanup, database, pdf);
  const done = await after.waitFor(job.id, 'succeeded');
  assert.equal(done.correlationId, 'corr-disk');
  assert.equal(pdf.callsFor('corr-disk').length, 1);
});

test('a per-minute recurring job fires on its own, then stops when paused', async (t) => {
  const cleanup = new Cleanup(t);
  const pdf = await startFakePdfServer();
  cleanup.add(() => pdf.close());
  const jobs = await openHarness(cleanup, await pgliteFixture(cleanup), pdf, { cronIntervalSeconds: 1 });
  const added = await jobs.request<RecurringView>({
    method: 'POST',
    url: '/api/hangfire/recurring',
    payload: { id: 'every-minute', cron: '* * * * *', clientId: 'client-m' },
  });
  assert.equal(added.statusCode, 201, added.text);

  const occurrence = await eventually(
    async () => {
      const listed = await jobs.request<{ jobs: JobView[] }>({
        method: 'GET',
        url: '/api/hangfire/jobs?state=succeeded',
      });
      return listed.body.jobs.find((job) => job.recurringId === 'every-minute');
    },
    'an occurrence of the schedule',
    90_000,
  );
  assert.equal(occurrence.correlationId, occurrence.id, 'an occurrence is correlated by its own id');
  assert.equal(pdf.callsFor(occurrence.id)[0]?.correlationHeader, occurrence.id);
  const view = await jobs.request<RecurringView>({ method: 'GET', url: '/api/hangfire/recurring/every-minute' });
  assert.ok(view.body.lastJobId !== undefined, 'the schedule records the job it produced');

  const paused = await jobs.request<RecurringView>({
    method: 'POST',
    url: '/api/hangfire/recurring/every-minute/pause',
  });
  assert.equal(paused.body.paused, true);
  assert.equal(paused.body.lastJobId, undefined);
});

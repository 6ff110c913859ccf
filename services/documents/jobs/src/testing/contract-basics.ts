import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { eventually } from '@eventflow/bus/testing';
import { correlationHeader } from '@eventflow/correlation';
import type { JobView } from '../jobs/job-view.ts';
import type { JobStats } from '../jobs/stats.ts';
import { startFakePdfServer, type FakePdfServer } from './fake-pdf-server.ts';
import { Cleanup, runOnFixture, type FixtureFactory } from './fixtures.ts';
import { openHarness, type HarnessOptions, type JobHarness } from './harness.ts';

export interface Setup {
  readonly cleanup: Cleanup;
  readonly pdf: FakePdfServer;
  readonly jobs: JobHarness;
}

/** A fake PDF server and a job server on a database of the test's own. */
export async function setUp(t: TestContext, fixture: FixtureFactory, options: HarnessOptions = {}): Promise<Setup> {
  const cleanup = new Cleanup(t);
  const pdf = await startFakePdfServer();
  cleanup.add(() => pdf.close());
  const jobs = await openHarness(cleanup, await fixture(cleanup), pdf, options);
  return { cleanup, pdf, jobs };
}

/** Fire-and-forget, retries, failures and delays, on one engine. */
export function basicsContract(fixture: FixtureFactory): void {
  test('a fire-and-forget job calls the PDF server with its correlation id and records the stored file', async (t) => {
    const { pdf, jobs } = await setUp(t, fixture);
    const enqueued = await jobs.enqueue(
      { clientId: 'client-7', title: 'September', rows: [{ item: 'a', amount: 1 }] },
      { [correlationHeader]: 'corr-fire-1' },
    );
    assert.equal(enqueued.correlationId, 'corr-fire-1');
    assert.ok(['enqueued', 'processing', 'succeeded'].includes(enqueued.state), enqueued.state);

    const done = await jobs.waitFor(enqueued.id, 'succeeded');
    const [call, ...others] = pdf.callsFor('corr-fire-1');
    assert.equal(others.length, 0);
    assert.equal(call?.correlationHeader, 'corr-fire-1', 'X-Correlation-Id reached the PDF server');
    assert.deepEqual(call?.body, {
      clientId: 'client-7',
      title: 'September',
      rows: [{ item: 'a', amount: 1 }],
      correlationId: 'corr-fire-1',
      generatedAt: enqueued.generatedAt,
    });
    assert.equal(done.result?.correlationId, 'corr-fire-1');
    assert.equal(done.attempts, 1);
    assert.ok(done.startedAt !== undefined && done.finishedAt !== undefined);

    const records = await eventually(() => {
      const found = jobs.records.filter((r) => r.correlationId === 'corr-fire-1');
      return found.some((r) => r.operation === 'job.success') ? found : undefined;
    }, 'job records');
    assert.ok(records.some((r) => r.endpoint === 'POST /api/hangfire/jobs' && r.success && r.statusCode === 201));
    assert.ok(records.some((r) => r.operation === 'job.start' && r.service === 'hangfire-server'));
    assert.ok(records.some((r) => r.operation === 'job.success' && r.fileName === 'report-client-7.pdf'));
    assert.deepEqual(jobs.errors, [], 'nothing logged at error level (pg-boss settles quietly)');
  });

  test('a failing call is retried with backoff, then succeeds with the same input', async (t) => {
    const { pdf, jobs } = await setUp(t, fixture);
    pdf.failNext(2, 503);
    const job = await jobs.enqueue({ clientId: 'client-r', retry: { retryLimit: 3, retryDelay: 1, backoff: true } });
    const retrying = await jobs.waitFor(job.id, 'retrying');
    assert.match(retrying.error?.message ?? '', /503/);
    assert.ok(retrying.runAt !== undefined, 'a retrying job says when it runs again');

    const done = await jobs.waitFor(job.id, 'succeeded');
    assert.equal(done.attempts, 3);
    assert.deepEqual(done.retry, { retryLimit: 3, retryDelay: 1, backoff: true, retryDelayMax: 300 });
    assert.equal(done.error, undefined);
    const calls = pdf.callsFor(job.correlationId);
    assert.equal(calls.length, 3);
    assert.equal(new Set(calls.map((c) => JSON.stringify(c.body))).size, 1, 'every attempt sends the same input');
    await eventually(
      () =>
        jobs.records.filter((r) => r.operation === 'job.failure' && r.correlationId === job.correlationId).length === 2,
      'failure records',
    );
  });

  test('retries exhausted: the job ends failed with the error', async (t) => {
    const { pdf, jobs } = await setUp(t, fixture);
    pdf.failAlways(503);
    const job = await jobs.enqueue({ clientId: 'client-f', retry: { retryLimit: 1, retryDelay: 0, backoff: false } });
    const failed = await jobs.waitFor(job.id, 'failed');
    assert.equal(failed.attempts, 2);
    assert.equal(failed.error?.status, 503);
    assert.equal(failed.error?.code, 'FAKE.FAILURE');
    assert.equal(pdf.callsFor(job.correlationId).length, 2);
    const last = await eventually(
      () => jobs.records.findLast((r) => r.operation === 'job.failure' && r.correlationId === job.correlationId),
      'the last failure record',
    );
    assert.equal(last.success, false);
    assert.match(last.error ?? '', /503/);
  });

  test('an answer no retry can change (4xx) fails the job at once', async (t) => {
    const { pdf, jobs } = await setUp(t, fixture);
    pdf.failAlways(409);
    const job = await jobs.enqueue({ clientId: 'client-c' });
    const failed = await jobs.waitFor(job.id, 'failed');
    assert.equal(failed.attempts, 1);
    assert.equal(failed.error?.status, 409);
    assert.equal(pdf.callsFor(job.correlationId).length, 1);
  });

  test('a delayed job does not run before its time', async (t) => {
    const { pdf, jobs } = await setUp(t, fixture);
    const job = await jobs.enqueue({ clientId: 'client-d', delaySeconds: 2 });
    assert.equal(job.state, 'scheduled');
    assert.equal(pdf.callsFor(job.correlationId).length, 0);
    const done = await jobs.waitFor(job.id, 'succeeded');
    assert.ok(done.startedAt !== undefined && job.runAt !== undefined);
    assert.ok(Date.parse(done.startedAt) >= Date.parse(job.runAt), `started ${done.startedAt}, due ${job.runAt}`);

    const at = new Date(Date.now() + 1500).toISOString();
    const byTime = await jobs.enqueue({ clientId: 'client-d', runAt: at });
    assert.equal(byTime.state, 'scheduled');
    assert.equal(byTime.runAt, at);
    const ran = await jobs.waitFor(byTime.id, 'succeeded');
    assert.ok(Date.parse(ran.startedAt ?? '') >= Date.parse(at));
  });

  test('pages of the job list are every job once, in order, even jobs created in the same millisecond', async (t) => {
    const cleanup = new Cleanup(t);
    const pdf = await startFakePdfServer();
    cleanup.add(() => pdf.close());
    const database = await fixture(cleanup);
    const jobs = await openHarness(cleanup, database, pdf);
    const created: JobView[] = [];
    for (let i = 0; i < 7; i += 1) created.push(await jobs.enqueue({ clientId: 'client-p', delaySeconds: 3600 }));
    // One millisecond for all of them, the microseconds rising with the id: PostgreSQL's order by the
    // full timestamp and the API's millisecond createdAt then disagree, unless the list orders as it shows.
    await runOnFixture(
      database,
      `UPDATE ${database.schema}.job AS j SET created_on = '2026-01-02T03:04:05.006Z'::timestamptz + ranked.n * interval '1 microsecond'
       FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM ${database.schema}.job) AS ranked WHERE j.id = ranked.id`,
    );
    const page = async (query: string) =>
      (await jobs.request<{ jobs: JobView[] }>({ method: 'GET', url: `/api/hangfire/jobs?${query}` })).body.jobs.map(
        (j) => j.id,
      );
    for (const state of ['', 'state=scheduled&']) {
      const whole = await page(`${state}limit=50`);
      assert.deepEqual([...whole].sort(), created.map((j) => j.id).sort(), `${state} every job listed`);
      const paged: string[] = [];
      for (let offset = 0; offset < 7; offset += 2) paged.push(...(await page(`${state}limit=2&offset=${offset}`)));
      assert.deepEqual(paged, whole, `${state} pages of 2 are the whole list, in its order`);
    }
  });

  test('stats count jobs per state and the minute’s throughput', async (t) => {
    const { pdf, jobs } = await setUp(t, fixture);
    const ok = await jobs.enqueue({ clientId: 'client-s' });
    await jobs.waitFor(ok.id, 'succeeded');
    pdf.failAlways(400);
    const bad = await jobs.enqueue({ clientId: 'client-s' });
    await jobs.waitFor(bad.id, 'failed');
    const later = await jobs.enqueue({ clientId: 'client-s', delaySeconds: 3600 });
    await jobs.enqueue({ clientId: 'client-s', continueAfter: later.id });

    const { statusCode, body } = await jobs.request<JobStats>({ method: 'GET', url: '/api/hangfire/stats' });
    assert.equal(statusCode, 200);
    assert.deepEqual(body.counts, {
      awaiting: 1,
      scheduled: 1,
      enqueued: 0,
      retrying: 0,
      processing: 0,
      succeeded: 1,
      failed: 1,
      deleted: 0,
    });
    assert.equal(body.throughput.length, 60);
    const total = body.throughput.reduce((sum, m) => ({ s: sum.s + m.succeeded, f: sum.f + m.failed }), { s: 0, f: 0 });
    assert.deepEqual(total, { s: 1, f: 1 });

    const listed = await jobs.request<{ jobs: JobView[] }>({ method: 'GET', url: '/api/hangfire/jobs?state=failed' });
    assert.deepEqual(
      listed.body.jobs.map((j) => j.id),
      [bad.id],
    );
    const all = await jobs.request<{ jobs: JobView[] }>({ method: 'GET', url: '/api/hangfire/jobs?limit=10' });
    assert.equal(all.body.jobs.length, 4);
  });
}

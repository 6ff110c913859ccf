import assert from 'node:assert/strict';
import { test } from 'node:test';
import { correlationHeader } from '@eventflow/correlation';
import { assertProblem } from '@eventflow/service/testing';
import type { JobView } from '../jobs/job-view.ts';
import { setUp } from './contract-basics.ts';
import type { FixtureFactory } from './fixtures.ts';
import type { JobHarness } from './harness.ts';

const post = (jobs: JobHarness, payload: Record<string, unknown>, headers: Record<string, string>) =>
  jobs.request<JobView>({ method: 'POST', url: '/api/hangfire/jobs', payload, headers });

const jobCount = async (jobs: JobHarness) =>
  (await jobs.request<{ jobs: JobView[] }>({ method: 'GET', url: '/api/hangfire/jobs?limit=500' })).body.jobs.length;

/**
 * Enqueueing is idempotent (issue 15, finding 2): a client that got no answer (a 500, a timeout)
 * retries with the same X-Correlation-Id, or the same Idempotency-Key, and gets the first job back,
 * never a second one; the same key with another request is a conflict.
 */
export function enqueueContract(fixture: FixtureFactory): void {
  test('a retried enqueue (same X-Correlation-Id, same request) answers the first job; one job runs', async (t) => {
    const { pdf, jobs } = await setUp(t, fixture);
    const headers = { [correlationHeader]: 'corr-retried-1' };
    const first = await post(jobs, { clientId: 'client-1', title: 'Once', rows: [{ a: 1 }] }, headers);
    assert.equal(first.statusCode, 201, first.text);
    // The same request, its members in another order.
    const again = await post(jobs, { rows: [{ a: 1 }], title: 'Once', clientId: 'client-1' }, headers);
    assert.equal(again.statusCode, 200, again.text);
    assert.equal(again.body.id, first.body.id);
    assert.equal(again.headers['location'], `/api/hangfire/jobs/${first.body.id}`);
    assert.equal(again.body.generatedAt, first.body.generatedAt);

    await jobs.waitFor(first.body.id, 'succeeded');
    const late = await post(jobs, { clientId: 'client-1', title: 'Once', rows: [{ a: 1 }] }, headers);
    assert.equal(late.statusCode, 200, 'a retry after the job ran answers it too');
    assert.equal(late.body.state, 'succeeded');
    assert.equal(pdf.callsFor('corr-retried-1').length, 1);
    assert.equal(await jobCount(jobs), 1);

    // A job removed for good frees its keys: the same request makes a new job.
    const removed = await jobs.request({ method: 'DELETE', url: `/api/hangfire/jobs/${first.body.id}` });
    assert.equal(removed.statusCode, 204);
    const anew = await post(jobs, { clientId: 'client-1', title: 'Once', rows: [{ a: 1 }] }, headers);
    assert.equal(anew.statusCode, 201, anew.text);
    assert.notEqual(anew.body.id, first.body.id);
  });

  test('the same correlation id with another request is a 409 problem and enqueues nothing', async (t) => {
    const { jobs } = await setUp(t, fixture, { runJobs: false });
    const headers = { [correlationHeader]: 'corr-reused-1' };
    const first = await post(jobs, { clientId: 'client-1', delaySeconds: 60 }, headers);
    assert.equal(first.statusCode, 201, first.text);
    for (const other of [
      { clientId: 'client-2', delaySeconds: 60 },
      { clientId: 'client-1', delaySeconds: 61 },
      { clientId: 'client-1' },
      { clientId: 'client-1', delaySeconds: 60, retry: { retryLimit: 1 } },
    ]) {
      const refused = await post(jobs, other, headers);
      assertProblem(refused, { status: 409, code: 'JOBS.IDEMPOTENCY_CONFLICT' });
      assert.match(refused.text, new RegExp(first.body.id), 'the problem names the job the key belongs to');
    }
    assert.equal(await jobCount(jobs), 1);
  });

  test('an Idempotency-Key makes a retry answer the first job, whatever its correlation id', async (t) => {
    const { jobs } = await setUp(t, fixture, { runJobs: false });
    const body = { clientId: 'client-k', fileName: 'k.pdf' };
    const first = await post(jobs, body, { 'idempotency-key': 'key-1' });
    assert.equal(first.statusCode, 201, first.text);
    // No X-Correlation-Id: the kit gives each request an id of its own, and the key still finds the job.
    const again = await post(jobs, body, { 'idempotency-key': 'key-1' });
    assert.equal(again.statusCode, 200, again.text);
    assert.equal(again.body.id, first.body.id);
    assert.equal(again.body.correlationId, first.body.correlationId);
    assertProblem(await post(jobs, { ...body, fileName: 'other.pdf' }, { 'idempotency-key': 'key-1' }), {
      status: 409,
      code: 'JOBS.IDEMPOTENCY_CONFLICT',
    });
    const other = await post(jobs, body, { 'idempotency-key': 'key-2' });
    assert.equal(other.statusCode, 201, 'another key is another job');
    assertProblem(await post(jobs, body, { 'idempotency-key': 'x'.repeat(201) }), {
      status: 400,
      code: 'REQUEST.VALIDATION_FAILED',
    });
    assert.equal(await jobCount(jobs), 2);
  });

  test('simultaneous identical enqueues create one job (continuations too)', async (t) => {
    const { pdf, jobs } = await setUp(t, fixture);
    const parent = await jobs.enqueue({ clientId: 'client-p', delaySeconds: 1 });
    const many = async (payload: Record<string, unknown>, headers: Record<string, string>) => {
      const answers = await Promise.all(Array.from({ length: 8 }, () => post(jobs, payload, headers)));
      const statuses = answers.map((a) => a.statusCode).sort();
      assert.deepEqual(statuses, [200, 200, 200, 200, 200, 200, 200, 201], answers.map((a) => a.text).join('\n'));
      assert.equal(new Set(answers.map((a) => a.body.id)).size, 1, 'every answer is the same job');
      return answers[0]!.body;
    };
    const job = await many({ clientId: 'client-s' }, { [correlationHeader]: 'corr-simultaneous' });
    const child = await many({ clientId: 'client-c', continueAfter: parent.id }, { 'idempotency-key': 'child-1' });
    assert.equal(child.state, 'awaiting');

    await jobs.waitFor(job.id, 'succeeded');
    await jobs.waitFor(child.id, 'succeeded');
    assert.equal(pdf.callsFor('corr-simultaneous').length, 1);
    assert.equal(pdf.calls.filter((c) => c.body.clientId === 'client-c').length, 1);
    assert.equal(await jobCount(jobs), 3);
  });

  test('a recurring job’s trigger retried with the same correlation id answers the same occurrence', async (t) => {
    const { jobs } = await setUp(t, fixture, { runJobs: false });
    const added = await jobs.request({
      method: 'POST',
      url: '/api/hangfire/recurring',
      payload: { id: 'weekly', cron: '0 3 * * 1', clientId: 'client-w' },
    });
    assert.equal(added.statusCode, 201, added.text);
    const trigger = () =>
      jobs.request<JobView>({
        method: 'POST',
        url: '/api/hangfire/recurring/weekly/trigger',
        headers: { [correlationHeader]: 'corr-trigger-1' },
      });
    const first = await trigger();
    const again = await trigger();
    assert.equal(first.statusCode, 202, first.text);
    assert.equal(again.statusCode, 202, again.text);
    assert.equal(again.body.id, first.body.id);
    assert.equal(await jobCount(jobs), 1);
  });
}

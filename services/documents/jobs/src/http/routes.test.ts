// The HTTP surface through app.inject(), on an in-memory embedded engine: OpenAPI, validation,
// problems, and operation records of state-changing API calls.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { eventually } from '@eventflow/bus/testing';
import { assertProblem, injectJson } from '@eventflow/service/testing';
import { setUp } from '../testing/contract-basics.ts';
import { sharedPgliteFixture } from '../testing/fixtures.ts';

const engine = sharedPgliteFixture();
after(() => engine.close());

test('the OpenAPI document lists every endpoint under /api/hangfire', async (t) => {
  const { jobs } = await setUp(t, engine, { runJobs: false });
  const { body } = await injectJson<{ paths: Record<string, Record<string, unknown>> }>(jobs.app, {
    method: 'GET',
    url: '/docs/json',
  });
  const endpoints = Object.entries(body.paths).flatMap(([path, methods]) =>
    Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
  );
  for (const endpoint of [
    'POST /api/hangfire/jobs',
    'GET /api/hangfire/jobs',
    'GET /api/hangfire/jobs/{id}',
    'DELETE /api/hangfire/jobs/{id}',
    'POST /api/hangfire/jobs/{id}/retry',
    'POST /api/hangfire/jobs/{id}/trigger',
    'GET /api/hangfire/stats',
    'POST /api/hangfire/recurring',
    'GET /api/hangfire/recurring',
    'GET /api/hangfire/recurring/{id}',
    'POST /api/hangfire/recurring/{id}/pause',
    'POST /api/hangfire/recurring/{id}/resume',
    'POST /api/hangfire/recurring/{id}/trigger',
    'DELETE /api/hangfire/recurring/{id}',
  ]) {
    assert.ok(endpoints.includes(endpoint), `${endpoint} documented`);
  }
});

test('a job can be enqueued without a worker; it waits enqueued, with its arguments and policy', async (t) => {
  const { jobs, pdf } = await setUp(t, engine, { runJobs: false });
  const job = await jobs.enqueue(
    { clientId: 'c-1', title: 'T', rows: [['a', 1, true, null]], fileName: 'x.pdf', retry: { retryLimit: 7 } },
    { 'x-correlation-id': 'corr-route-1' },
  );
  assert.equal(job.state, 'enqueued');
  assert.deepEqual(job.arguments, { clientId: 'c-1', title: 'T', rows: [['a', 1, true, null]], fileName: 'x.pdf' });
  assert.deepEqual(job.retry, { retryLimit: 7, retryDelay: 1, backoff: true, retryDelayMax: 300 });
  assert.equal(pdf.calls.length, 0);
  const record = await eventually(
    () => jobs.records.find((r) => r.correlationId === 'corr-route-1'),
    'the API call’s record',
  );
  assert.equal(record.endpoint, 'POST /api/hangfire/jobs');
  assert.equal(record.statusCode, 201);
  assert.match(record.payload, /"clientId":"c-1"/);
});

test('plain reads are no operations: only state-changing calls are recorded (the console polls the reads)', async (t) => {
  const { jobs } = await setUp(t, engine, { runJobs: false });
  const job = await jobs.enqueue({ clientId: 'c-reads' }, { 'x-correlation-id': 'corr-reads-enqueue' });
  const read = { 'x-correlation-id': 'corr-reads-get' };
  for (const url of [`/api/hangfire/jobs/${job.id}`, '/api/hangfire/jobs?limit=5', '/api/hangfire/stats']) {
    assert.equal((await jobs.request({ method: 'GET', url, headers: read })).statusCode, 200, url);
  }
  assert.equal((await jobs.request({ method: 'GET', url: '/api/hangfire/recurring', headers: read })).statusCode, 200);
  const deleted = await jobs.request({
    method: 'DELETE',
    url: `/api/hangfire/jobs/${job.id}`,
    headers: { 'x-correlation-id': 'corr-reads-delete' },
  });
  assert.equal(deleted.statusCode, 204);
  // Records are taken in response order: once the delete's is in, a read's would be too.
  const record = await eventually(
    () => jobs.records.find((r) => r.correlationId === 'corr-reads-delete'),
    'the delete’s record',
  );
  assert.equal(record.endpoint, 'DELETE /api/hangfire/jobs/:id');
  assert.equal(record.statusCode, 204);
  assert.ok(
    jobs.records.some((r) => r.correlationId === 'corr-reads-enqueue' && r.endpoint === 'POST /api/hangfire/jobs'),
  );
  assert.deepEqual(
    jobs.records.filter((r) => r.correlationId === 'corr-reads-get').map((r) => r.endpoint),
    [],
    'no record of a GET',
  );
});

test('an unknown job is a 404 problem; a malformed body a 400', async (t) => {
  const { jobs } = await setUp(t, engine, { runJobs: false });
  assertProblem(await jobs.request({ method: 'GET', url: `/api/hangfire/jobs/${crypto.randomUUID()}` }), {
    status: 404,
    code: 'JOBS.NOT_FOUND',
  });
  const malformed = await jobs.app.inject({
    method: 'POST',
    url: '/api/hangfire/jobs',
    headers: { 'content-type': 'application/json' },
    payload: '{"clientId":',
  });
  assertProblem(malformed, { status: 400, code: 'REQUEST.MALFORMED_BODY' });
});

test('ready once the job database is open (opened in the background: a first embedded start takes seconds)', async (t) => {
  const { jobs } = await setUp(t, engine, { runJobs: false });
  const ready = await eventually(async () => {
    const response = await injectJson<{ status: string; checks: unknown }>(jobs.app, {
      method: 'GET',
      url: '/health/ready',
    });
    return response.statusCode === 200 ? response.body : undefined;
  }, 'ready');
  assert.match(JSON.stringify(ready), /pglite/);
});

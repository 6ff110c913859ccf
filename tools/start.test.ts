import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { eventually } from '@eventflow/bus/testing';
import { startPlatform } from './testing/platform-process.ts';

test('npm start: the embedded platform answers /health, routes /api/logs, and its operation logs flow through the embedded bus', async (t) => {
  const data = await mkdtemp(join(tmpdir(), 'eventflow-embedded-'));
  const platform = await startPlatform(t, 'start.ts', { EVENTFLOW_DATA: data, GATEWAY_PORT: '0' });
  t.after(() => rm(data, { recursive: true, force: true })); // after startPlatform's: once it has stopped

  let services: string[] = [];
  await eventually(async () => {
    const health = await fetch(`${platform.url}/health`);
    assert.equal(health.status, 200);
    const body = (await health.json()) as { mode: string; services: Array<{ name: string; status: string }> };
    assert.equal(body.mode, 'embedded');
    services = body.services.map((s) => `${s.name}:${s.status}`);
    return body.services.every((s) => s.status === 'up');
  }, 'every service up (the job server opens its database in the background)');
  assert.deepEqual(services, [
    'gateway:up',
    'logs:up',
    'schema-registry:up',
    'storage:up',
    'pdf:up',
    'hangfire:up',
    'users:up',
    'inventory:up',
    'events:up',
    'payment-provider:up',
    'payments:up',
    'reservations:up',
    'notifications:up',
  ]);

  // A report rendered by the PDF server is stored by the storage server and downloadable, all through the gateway.
  const reportId = `report-${randomUUID()}`;
  const rendered = await fetch(`${platform.url}/api/pdf/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-correlation-id': reportId },
    body: JSON.stringify({ clientId: 'client-7', correlationId: reportId }),
  });
  assert.equal(rendered.status, 201);
  assert.equal(rendered.headers.get('x-correlation-id'), reportId);
  await eventually(async () => {
    const found = await fetch(`${platform.url}/api/logs?correlationId=${reportId}`);
    const { records } = (await found.json()) as { records: Array<{ topic: string; record: { endpoint: string } }> };
    const topics = new Set(records.map((r) => r.topic));
    return topics.has('logs-gateway') && topics.has('logs-pdf') && topics.has('logs-storage');
  }, 'the operation records of gateway, PDF server and storage server, under one correlation id');
  const download = await fetch(`${platform.url}/api/storage/file/${reportId}`);
  assert.equal(download.status, 200);
  assert.equal(download.headers.get('content-type'), 'application/pdf');
  assert.equal(
    Buffer.from(await download.arrayBuffer())
      .subarray(0, 5)
      .toString(),
    '%PDF-',
  );

  // A report job enqueued on the job server ends as a downloadable PDF.
  const enqueued = await fetch(`${platform.url}/api/hangfire/jobs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ clientId: 'client-9' }),
  });
  assert.equal(enqueued.status, 201);
  const job = (await enqueued.json()) as { id: string; correlationId: string };
  await eventually(
    async () => {
      const state = (await (await fetch(`${platform.url}/api/hangfire/jobs/${job.id}`)).json()) as { state: string };
      assert.notEqual(state.state, 'failed');
      return state.state === 'succeeded';
    },
    'the report job to succeed',
    60_000,
  );
  const jobPdf = await fetch(`${platform.url}/api/storage/file/${job.correlationId}`);
  assert.equal(jobPdf.status, 200);
  assert.equal(
    Buffer.from(await jobPdf.arrayBuffer())
      .subarray(0, 5)
      .toString(),
    '%PDF-',
  );

  const bad = await fetch(`${platform.url}/api/logs?limit=0`);
  assert.equal(bad.status, 400);
  assert.match(bad.headers.get('content-type') ?? '', /application\/problem\+json/);

  assert.equal(await platform.stop(), 0, 'Ctrl-C (SIGTERM) stops it cleanly');
});

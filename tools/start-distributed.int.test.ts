import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { eventually } from '@eventflow/bus/testing';
import { startDistributedPlatform } from './testing/platform-process.ts';

test('npm run start:distributed: each service its own process on Kafka, behind the gateway; logs flow through Kafka', async (t) => {
  // Ports, a data folder and a job schema of the test's own (a shared schema may hold another version's jobs).
  const platform = await startDistributedPlatform(t, 'start-distributed');
  assert.match(platform.output(), /logs\s+pid \d+/);
  assert.match(platform.output(), /gateway\s+pid \d+/);

  const health = (await (await fetch(`${platform.url}/health`)).json()) as {
    mode: string;
    services: Array<{ name: string; status: string }>;
  };
  assert.equal(health.mode, 'distributed');
  assert.deepEqual(
    health.services.map((s) => `${s.name}:${s.status}`),
    [
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
    ],
  );

  const consolePage = await fetch(`${platform.url}/console/`);
  assert.equal(consolePage.status, 200, 'the gateway process serves the web console');
  assert.match(await consolePage.text(), /<div id="root">/);

  const correlationId = `dist-${randomUUID()}`;
  const response = await fetch(`${platform.url}/api/pdf/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-correlation-id': correlationId },
    body: JSON.stringify({ clientId: 'client-3', correlationId }),
  });
  assert.equal(response.status, 201);
  await eventually(
    async () => {
      const found = await fetch(`${platform.url}/api/logs?correlationId=${correlationId}`);
      const { records } = (await found.json()) as { records: Array<{ topic: string }> };
      const topics = new Set(records.map((r) => r.topic));
      return topics.has('logs-gateway') && topics.has('logs-pdf') && topics.has('logs-storage');
    },
    'gateway, PDF and storage records to go through Kafka to the logs service',
    60_000,
  );
  assert.equal(await platform.stop(), 0);
});

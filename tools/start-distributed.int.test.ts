import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { freePortRange } from '@eventflow/service';
import { platform as services } from './platform.ts';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { eventually } from '@eventflow/bus/testing';
import { startPlatform } from './testing/platform-process.ts';

test('npm run start:distributed: each service its own process on Kafka, behind the gateway; logs flow through Kafka', async (t) => {
  const data = await mkdtemp(join(tmpdir(), 'eventflow-distributed-'));
  t.after(() => rm(data, { recursive: true, force: true }));
  const gatewayPort = await freePortRange(1);
  const servicePort = await freePortRange(services.length);
  const platform = await startPlatform(t, 'start-distributed.ts', {
    GATEWAY_PORT: String(gatewayPort),
    SERVICE_PORT_BASE: String(servicePort),
    EVENTFLOW_DATA: data,
  });
  assert.match(platform.output(), /logs\s+pid \d+/);
  assert.match(platform.output(), /gateway\s+pid \d+/);

  const health = (await (await fetch(`${platform.url}/health`)).json()) as {
    mode: string;
    services: Array<{ name: string; status: string }>;
  };
  assert.equal(health.mode, 'distributed');
  assert.deepEqual(
    health.services.map((s) => `${s.name}:${s.status}`),
    ['gateway:up', 'logs:up', 'storage:up', 'pdf:up', 'hangfire:up'],
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

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { eventually } from '@eventflow/bus/testing';
import { startPlatform } from './testing/platform-process.ts';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

test('npm run start:distributed: each service its own process on Kafka, behind the gateway; logs flow through Kafka', async (t) => {
  const data = await mkdtemp(join(tmpdir(), 'eventflow-distributed-'));
  t.after(() => rm(data, { recursive: true, force: true }));
  const gatewayPort = await freePort();
  const servicePort = await freePort();
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

  const correlationId = `dist-${randomUUID()}`;
  const response = await fetch(`${platform.url}/api/logs?limit=1`, { headers: { 'x-correlation-id': correlationId } });
  assert.equal(response.status, 200);
  await eventually(
    async () => {
      const found = await fetch(`${platform.url}/api/logs?correlationId=${correlationId}`);
      const { records } = (await found.json()) as { records: Array<{ topic: string }> };
      return records.some((r) => r.topic === 'logs-gateway');
    },
    'the gateway record to go through Kafka to the logs service',
    60_000,
  );
  assert.equal(await platform.stop(), 0);
});

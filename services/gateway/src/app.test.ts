import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildGateway } from './app.ts';
import { embeddedServices } from './embedded.ts';
import type { HostedService } from './health.ts';

test('GET /health names each running service and the state of its dependencies', async (t) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'gateway-'));
  const app = buildGateway({ mode: 'embedded', services: embeddedServices(dataDir) });
  t.after(async () => {
    await app.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const response = await app.inject({ method: 'GET', url: '/health' });

  assert.equal(response.statusCode, 200);
  assert.match(response.headers['content-type'] ?? '', /application\/json/);
  const body = response.json<{
    status: string;
    mode: string;
    services: Array<{ name: string; status: string; dependencies: Array<{ name: string; status: string }> }>;
  }>();
  assert.equal(body.status, 'ok');
  assert.equal(body.mode, 'embedded');
  assert.deepEqual(
    body.services.map((s) => [s.name, s.status, s.dependencies.map((d) => `${d.name}:${d.status}`)]),
    [['gateway', 'up', ['data-dir:up']]],
  );
});

test('a dependency that fails its check makes the service degraded and readiness 503, liveness still 200', async (t) => {
  const failing: HostedService = {
    name: 'storage',
    dependencies: [{ name: 'postgres', check: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432')) }],
  };
  const app = buildGateway({ mode: 'distributed', services: [failing] });
  t.after(() => app.close());

  const live = await app.inject({ method: 'GET', url: '/health' });
  assert.equal(live.statusCode, 200);
  const ready = await app.inject({ method: 'GET', url: '/health/ready' });
  assert.equal(ready.statusCode, 503);
  const body = ready.json<{
    status: string;
    services: Array<{ status: string; dependencies: Array<{ status: string; detail: string }> }>;
  }>();
  assert.equal(body.status, 'degraded');
  assert.equal(body.services[0]?.status, 'degraded');
  assert.deepEqual(body.services[0]?.dependencies[0], {
    name: 'postgres',
    status: 'down',
    detail: 'connect ECONNREFUSED 127.0.0.1:5432',
  });
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildService } from '../build.ts';
import { failingCheck, injectJson, passingCheck } from '../testing/index.ts';

interface Readiness {
  status: string;
  service: string;
  dependencies: Array<{ name: string; status: string; detail: string }>;
}

test('GET /health says the process is alive, with its name, version and uptime', async (t) => {
  const app = buildService({ name: 'orders', version: '1.2.3', routes: [] }, { logger: false });
  t.after(() => app.close());

  const response = await injectJson<Record<string, unknown>>(app, { method: 'GET', url: '/health' });

  assert.equal(response.statusCode, 200);
  assert.deepEqual(Object.keys(response.body).sort(), ['service', 'status', 'uptimeSeconds', 'version']);
  assert.equal(response.body['status'], 'ok');
  assert.equal(response.body['service'], 'orders');
  assert.equal(response.body['version'], '1.2.3');
  assert.ok(Number.isInteger(response.body['uptimeSeconds']));
});

test('GET /health/ready is 200 when every check passes, listing each dependency', async (t) => {
  const readiness = [passingCheck('postgres', 'select 1'), passingCheck('kafka', '3 brokers')];
  const app = buildService({ name: 'orders', routes: [], readiness }, { logger: false });
  t.after(() => app.close());

  const response = await injectJson<Readiness>(app, { method: 'GET', url: '/health/ready' });

  assert.equal(response.statusCode, 200);
  assert.equal(response.body.status, 'ok');
  assert.deepEqual(response.body.dependencies, [
    { name: 'postgres', status: 'up', detail: 'select 1' },
    { name: 'kafka', status: 'up', detail: '3 brokers' },
  ]);
});

test('one failing check makes readiness 503 and names it, while liveness stays 200', async (t) => {
  const readiness = [passingCheck('postgres'), failingCheck('redis', 'connect ECONNREFUSED 127.0.0.1:6379')];
  const app = buildService({ name: 'orders', routes: [], readiness }, { logger: false });
  t.after(() => app.close());

  const ready = await injectJson<Readiness>(app, { method: 'GET', url: '/health/ready' });
  const live = await injectJson(app, { method: 'GET', url: '/health' });

  assert.equal(ready.statusCode, 503);
  assert.equal(ready.body.status, 'degraded');
  assert.equal(ready.body.service, 'orders');
  assert.deepEqual(ready.body.dependencies, [
    { name: 'postgres', status: 'up', detail: 'ok' },
    { name: 'redis', status: 'down', detail: 'connect ECONNREFUSED 127.0.0.1:6379' },
  ]);
  assert.equal(live.statusCode, 200);
});

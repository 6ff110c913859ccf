import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RoutePlugin } from '../definition.ts';
import { buildService } from '../build.ts';
import { metricValue } from '../testing/index.ts';

const orders: RoutePlugin = (app) => {
  app.get('/orders/:id', () => ({ ok: true }));
};

test('/metrics counts requests by method, route pattern and status, and times them', async (t) => {
  const app = buildService({ name: 'orders', routes: [orders] }, { logger: false });
  t.after(() => app.close());

  await app.inject({ method: 'GET', url: '/orders/1' });
  await app.inject({ method: 'GET', url: '/orders/2' });
  await app.inject({ method: 'GET', url: '/missing/3' });
  const response = await app.inject({ method: 'GET', url: '/metrics' });

  assert.equal(response.statusCode, 200);
  assert.match(response.headers['content-type'] ?? '', /^text\/plain; version=0\.0\.4/);
  const text = response.body;
  assert.match(text, /^http_requests_total\{method="GET",route="\/orders\/:id",status="200",service="orders"\} 2$/m);
  assert.match(text, /^http_requests_total\{method="GET",route="unmatched",status="404",service="orders"\} 1$/m);
  assert.doesNotMatch(text, /route="\/orders\/1"/);
  const { registry } = app.metrics;
  const labels = { method: 'GET', route: '/orders/:id', status: 200 };
  assert.equal(await metricValue(registry, 'http_request_duration_seconds', labels, '_count'), 2);
  assert.match(text, /^process_cpu_user_seconds_total/m, 'default process metrics');
});

test('each app has its own registry, so many can be built side by side', async (t) => {
  const first = buildService({ name: 'a', routes: [orders] }, { logger: false, defaultMetrics: false });
  const second = buildService({ name: 'b', routes: [orders] }, { logger: false, defaultMetrics: false });
  t.after(() => Promise.all([first.close(), second.close()]));

  await first.inject({ method: 'GET', url: '/orders/1' });
  const text = await second.metrics.registry.metrics();

  assert.notEqual(first.metrics.registry, second.metrics.registry);
  assert.doesNotMatch(text, /route="\/orders\/:id"/);
  assert.doesNotMatch(text, /^process_/m);
});

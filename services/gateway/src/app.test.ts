import assert from 'node:assert/strict';
import { test } from 'node:test';
import Fastify from 'fastify';
import { buildGateway } from './app.ts';
import { localSource, upstreamSource } from './health.ts';

test('GET /health names each service and the state of its dependencies; /health/ready is 200 when all are up', async (t) => {
  const app = buildGateway({
    mode: 'embedded',
    upstreams: [],
    health: [localSource('gateway', [{ name: 'data-dir', check: () => Promise.resolve('writable: /tmp/x') }])],
    service: { logger: false, defaultMetrics: false },
  });
  t.after(() => app.close());

  const response = await app.inject({ method: 'GET', url: '/health' });
  assert.equal(response.statusCode, 200);
  assert.deepEqual(response.json<{ services: unknown }>().services, [
    { name: 'gateway', status: 'up', dependencies: [{ name: 'data-dir', status: 'up', detail: 'writable: /tmp/x' }] },
  ]);
  assert.equal((await app.inject({ method: 'GET', url: '/health/ready' })).statusCode, 200);
});

test('requests under a prefix reach their service with the correlation id; a dead service is reported down', async (t) => {
  const seen: Array<{ url: string; correlationId: string | undefined }> = [];
  const upstream = Fastify();
  upstream.get('/api/things/:id', (request) => {
    seen.push({ url: request.url, correlationId: request.headers['x-correlation-id'] as string | undefined });
    return { id: (request.params as { id: string }).id };
  });
  upstream.get('/health/ready', () => ({ dependencies: [{ name: 'postgres', status: 'up', detail: 'select 1' }] }));
  const url = await upstream.listen({ host: '127.0.0.1', port: 0 });
  t.after(() => upstream.close());

  const app = buildGateway({
    mode: 'distributed',
    upstreams: [{ name: 'things', routes: [{ prefix: '/api/things' }], url }],
    health: [upstreamSource('things', url), upstreamSource('ghost', 'http://127.0.0.1:1', 500)],
    service: { logger: false, defaultMetrics: false },
  });
  t.after(() => app.close());

  const proxied = await app.inject({
    method: 'GET',
    url: '/api/things/7?x=1',
    headers: { 'x-correlation-id': 'corr-gw-1' },
  });
  assert.equal(proxied.statusCode, 200);
  assert.deepEqual(proxied.json(), { id: '7' });
  assert.deepEqual(seen, [{ url: '/api/things/7?x=1', correlationId: 'corr-gw-1' }]);

  const generated = await app.inject({ method: 'GET', url: '/api/things/8' });
  assert.equal(seen[1]?.correlationId, generated.headers['x-correlation-id'], 'a new id is made and forwarded');

  const health = (await app.inject({ method: 'GET', url: '/health' })).json<{
    status: string;
    services: Array<{ name: string; status: string; dependencies: Array<{ name: string; status: string }> }>;
  }>();
  assert.equal(health.status, 'degraded');
  assert.deepEqual(
    health.services.map((s) => [s.name, s.status, s.dependencies.map((d) => `${d.name}:${d.status}`)]),
    [
      ['things', 'up', ['postgres:up']],
      ['ghost', 'down', ['process:down']],
    ],
  );
  assert.equal((await app.inject({ method: 'GET', url: '/health/ready' })).statusCode, 503);

  const unknown = await app.inject({ method: 'GET', url: '/api/nobody/here' });
  assert.equal(unknown.statusCode, 404);
  assert.match(unknown.headers['content-type'] ?? '', /application\/problem\+json/);
});

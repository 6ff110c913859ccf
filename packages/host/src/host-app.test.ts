import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Bus } from '@eventflow/bus';
import { eventually } from '@eventflow/bus/testing';
import { createServiceMetrics } from '@eventflow/service';
import { defineService } from './descriptor.ts';
import { hostApp } from './host-app.ts';
import type { PortOpeners } from './ports/port-set.ts';
import { ServiceRegistry } from './registry/registry.ts';

/** A bus whose broker answers or not, and whose publishes fail while it does not. */
function switchableBus(): Bus & { up: boolean } {
  const bus = {
    kind: 'kafka' as const,
    up: true,
    declare: () => Promise.resolve(),
    publish: () => (bus.up ? Promise.resolve([]) : Promise.reject(new Error('broker down'))),
    subscribe: () => Promise.reject(new Error('not here')),
    ping: () =>
      bus.up ? Promise.resolve('kafka cluster test, 1 broker(s)') : Promise.reject(new Error('broker down')),
    close: () => Promise.resolve(),
  };
  return bus;
}

const noOpeners: PortOpeners = {
  sql: () => Promise.reject(new Error('no sql here')),
  documents: () => Promise.reject(new Error('no documents here')),
  cache: () => Promise.reject(new Error('no cache here')),
  files: () => Promise.reject(new Error('no files here')),
  keys: () => Promise.reject(new Error('no keys here')),
  mail: () => Promise.reject(new Error('no mail here')),
  close: () => Promise.resolve(),
};

const echo = defineService({
  name: 'echo',
  system: 'test',
  description: 'echoes',
  routes: [{ prefix: '/api/echo' }],
  port: 1,
  needs: ['bus'],
  build: () => ({
    name: 'echo',
    routes: [(app) => void app.post('/api/echo', (request) => ({ echoed: request.body }))],
  }),
});

test('readiness follows the broker, and the operation log’s failed publishes are metrics', async (t) => {
  const bus = switchableBus();
  const app = await hostApp(echo, {
    mode: 'distributed',
    env: {},
    bus,
    ownsBus: false,
    openers: noOpeners,
    registry: new ServiceRegistry(),
    urlOf: () => '',
    metrics: createServiceMetrics({ service: 'echo', defaultMetrics: false }),
    logger: false,
    spoolDir: await mkdtemp(join(tmpdir(), 'spool-')),
  });
  t.after(() => app.close());

  const ready = await app.inject({ method: 'GET', url: '/health/ready' });
  assert.equal(ready.statusCode, 200);
  assert.match(ready.body, /kafka cluster test/);

  bus.up = false;
  const down = await app.inject({ method: 'GET', url: '/health/ready' });
  assert.equal(down.statusCode, 503);
  assert.deepEqual(down.json<{ dependencies: unknown[] }>().dependencies, [
    { name: 'bus', status: 'down', detail: 'broker down' },
  ]);

  assert.equal((await app.inject({ method: 'POST', url: '/api/echo', payload: { a: 1 } })).statusCode, 200);
  const metrics = async () => (await app.inject({ method: 'GET', url: '/metrics' })).body;
  await eventually(
    async () => /oplog_publish_failures_total\{[^}]*\} [1-9]/.test(await metrics()),
    'a failed publish of the operation record to be counted',
  );
  assert.match(await metrics(), /oplog_records_buffered\{[^}]*\} 1/, 'the record waits in memory');
  bus.up = true; // so that closing flushes it
});

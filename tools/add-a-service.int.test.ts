// The recipe of docs/architecture.md ("adding a service"), proven: a small service added as one
// descriptor is routed by the gateway, healthy with its ports checked, in the gateway's /docs, and
// logging to its own logs-<name> topic — embedded (one process, no servers) and distributed (a
// process each, on Kafka, PostgreSQL and Redis).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import pg from 'pg';
import { eventually } from '@eventflow/bus/testing';
import { cleanupStack, type Defer } from '@eventflow/eventstore/testing';
import { gateway } from '@eventflow/gateway/descriptor';
import { registryEntry, runEmbeddedPlatform, ServiceRegistry, startOrder } from '@eventflow/host';
import { logs } from '@eventflow/logs-service/descriptor';
import { freePortRange } from '@eventflow/service';
import { greeter } from './testing/greeter/descriptor.ts';
import { databaseUrl, kafkaBrokers } from './testing/platform-process.ts';

const root = join(import.meta.dirname, '..');

/** What a user of the platform sees of the new service, through the gateway only. */
async function checkGreeter(url: string, mode: 'embedded' | 'distributed'): Promise<void> {
  const correlationId = `greeter-${randomUUID()}`;
  // A name of this run's own: the distributed cache (Redis) outlives the run.
  const name = `Ada-${randomUUID().slice(0, 8)}`;
  const created = await fetch(`${url}/api/greetings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-correlation-id': correlationId },
    body: JSON.stringify({ name }),
  });
  assert.equal(created.status, 201, 'routed by prefix');
  const greeting = (await created.json()) as { id: string; text: string; visits: number };
  assert.equal(greeting.text, `Hola, ${name}`, 'its own configuration, read by the host');
  assert.equal(greeting.visits, 1);
  const read = await fetch(`${url}/api/greetings/${greeting.id}`);
  assert.equal(read.status, 200);
  assert.equal(((await read.json()) as { name: string }).name, name, 'its sql port holds the row');
  assert.equal(await (await fetch(`${url}/hello`)).text(), 'Hola', 'routed by exact path');
  assert.equal((await fetch(`${url}/hello/there`)).status, 404, 'an exact path is not a prefix');

  const bad = await fetch(`${url}/api/greetings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: '' }),
  });
  assert.equal(bad.status, 400);
  assert.match(bad.headers.get('content-type') ?? '', /application\/problem\+json/);
  const wrongMethod = await fetch(`${url}/api/greetings/${greeting.id}`, { method: 'DELETE' });
  assert.equal(wrongMethod.status, 405);
  assert.equal(wrongMethod.headers.get('allow'), 'GET, HEAD');

  const health = (await (await fetch(`${url}/health`)).json()) as {
    mode: string;
    services: Array<{ name: string; status: string; dependencies: Array<{ name: string; status: string }> }>;
  };
  assert.equal(health.mode, mode);
  const mine = health.services.find((s) => s.name === 'greeter');
  assert.equal(mine?.status, 'up', 'healthy');
  assert.deepEqual(
    mine.dependencies.map((d) => `${d.name}:${d.status}`),
    ['sql:up', 'cache:up', 'files:up'],
    'each port it needs is checked',
  );
  assert.equal((await fetch(`${url}/services/greeter/health/ready`)).status, 200);
  assert.match(await (await fetch(`${url}/services/greeter/metrics`)).text(), /http_requests_total/);

  const docs = (await (await fetch(`${url}/docs/json`)).json()) as {
    paths: Record<string, Record<string, { tags?: string[] }>>;
  };
  assert.deepEqual(docs.paths['/api/greetings']?.['post']?.tags, ['greeter'], 'documented on the gateway');
  assert.ok(docs.paths['/api/greetings/{id}']?.['get']);
  assert.ok(docs.paths['/hello']?.['get']);
  assert.ok(docs.paths['/services/greeter/health']?.['get']);

  await eventually(
    async () => {
      const found = await fetch(`${url}/api/logs?correlationId=${correlationId}`);
      const { records } = (await found.json()) as { records: Array<{ topic: string; record: { endpoint: string } }> };
      return records.some((r) => r.topic === 'logs-greeter' && r.record.endpoint === 'POST /api/greetings');
    },
    'the greeter to record its operation on logs-greeter',
    60_000,
  );
}

/** A folder removed after the test, once everything deferred after it (the platform) has stopped. */
async function tempDir(defer: Defer, name: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `eventflow-${name}-`));
  defer(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

test('a service added as one descriptor: embedded', async (t) => {
  // Cleanups run last-in first-out: the platform stops before its folder is removed.
  const defer = cleanupStack(t);
  const running = await runEmbeddedPlatform([gateway, logs, greeter], {
    env: {
      EVENTFLOW_DATA: await tempDir(defer, 'greeter-embedded'),
      GATEWAY_PORT: '0',
      LOG_LEVEL: 'warn',
      GREETER_SALUTATION: 'Hola',
    },
    root,
  });
  defer(() => running.close());
  await checkGreeter(running.url, 'embedded');
});

test('a service added as one descriptor: distributed, a process each', async (t) => {
  const defer = cleanupStack(t);
  const data = await tempDir(defer, 'greeter-distributed');
  const schema = `greeter_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  defer(async () => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
  });
  const base = await freePortRange(3);
  const ordered = startOrder([gateway, logs, greeter]);
  const registry = new ServiceRegistry(ordered.map(registryEntry));
  ordered.forEach((d, i) => registry.listening(d.name, `http://127.0.0.1:${base + i}`));
  const env = {
    ...process.env,
    KAFKA_BROKERS: kafkaBrokers.join(','),
    DATABASE_URL: databaseUrl,
    EVENTFLOW_DATA: data,
    SERVICE_REGISTRY: JSON.stringify(registry),
    LOG_LEVEL: 'warn',
    GREETER_SALUTATION: 'Hola',
    GREETER_SCHEMA: schema,
  };
  const entries: Record<string, string[]> = {
    greeter: [join(import.meta.dirname, 'testing', 'greeter', 'main.ts')],
    logs: [join(root, 'services', 'logs', 'src', 'main.ts')],
    gateway: [join(root, 'services', 'gateway', 'src', 'main.ts')],
  };
  let output = '';
  for (const [i, descriptor] of ordered.entries()) {
    const child = spawn(process.execPath, entries[descriptor.name] ?? [], {
      env: { ...env, PORT: String(base + i) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    defer(async () => {
      child.kill('SIGTERM');
      await exited;
    });
  }
  const url = registry.urlOf('gateway');
  await eventually(
    async () => (await fetch(`${url}/health/ready`).catch(() => undefined))?.status === 200,
    'the gateway and every service behind it to be ready',
    60_000,
  ).catch((error: unknown) => {
    throw new Error(`${String(error)}\n${output}`);
  });
  await checkGreeter(url, 'distributed');
});

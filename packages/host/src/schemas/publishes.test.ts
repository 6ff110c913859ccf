// What a descriptor `publishes`, registered by the host at start in the platform's schema registry:
// embedded with a registry of the test's own (the real routes and store, on PGlite), and
// `registerSchemas` alone against servers that are not up yet.
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { test, type TestContext } from 'node:test';
import { defineTopic, type Topic } from '@eventflow/bus';
import { cleanupStack } from '@eventflow/eventstore/testing';
import { openSchemaRegistry, schemaRegistryRoutes } from '@eventflow/schema-registry';
import { freePortRange } from '@eventflow/service';
import { defineService, type AnyServiceDescriptor } from '../descriptor.ts';
import { runEmbeddedPlatform, type RunningPlatform } from '../embedded/platform.ts';
import { embeddedPlatform } from '../testing/index.ts';
import { registerSchemas, registrationsOf, SchemaRegistrationError, type SchemaRegistration } from './publishes.ts';

const counted = { type: 'object', required: ['n'], properties: { n: { type: 'integer' } } };

function countsTopic(schema: object = counted, schemaVersion = 1): Topic<unknown> {
  return defineTopic({ name: 'host-schemas.counts', partitions: 1, type: 'Counted', schemaVersion, schema });
}

/** A front door of the test's own (the gateway depends on the host). */
const door = defineService({
  name: 'door',
  system: 'platform',
  description: 'a front door',
  routes: [],
  port: 1,
  needs: [],
  front: true,
  build: () => ({ name: 'door', routes: [] }),
});

/** The platform's registry as services/schema-registry runs it, slow to start or failing on demand. */
function registryService(options: { readonly startAfterMs?: number; readonly fail?: boolean } = {}) {
  const events: string[] = [];
  const descriptor = defineService({
    name: 'schema-registry',
    system: 'platform',
    description: 'schemas',
    routes: [{ prefix: '/api/schemas' }],
    port: 1,
    needs: ['sql'],
    build: async ({ ports }) => {
      await sleep(options.startAfterMs ?? 0);
      if (options.fail === true) throw new Error('the registry could not open its tables');
      const registry = await openSchemaRegistry({ executor: ports.sql });
      events.push('registry built');
      return { name: 'schema-registry', routes: [schemaRegistryRoutes(registry, '/api/schemas')] };
    },
  });
  return { descriptor, events };
}

function publisher(topic: Topic<unknown>, events: string[] = []): AnyServiceDescriptor {
  return defineService({
    name: 'publisher',
    system: 'test',
    description: 'publishes counts',
    routes: [],
    port: 1,
    needs: [],
    publishes: [{ topic, types: ['Counted', 'Recounted'] }],
    build: () => {
      events.push('publisher built');
      return { name: 'publisher', routes: [] };
    },
  });
}

async function versions(platform: RunningPlatform, type: string): Promise<unknown> {
  return (await fetch(`${platform.registry.urlOf('schema-registry')}/api/schemas/subjects/${type}/versions`)).json();
}

test('on start each type is registered with its topic’s schema, the registry tried again until it answers', async (t) => {
  const registry = registryService({ startAfterMs: 600 });
  const platform = await embeddedPlatform(t, [door, registry.descriptor, publisher(countsTopic(), registry.events)]);
  assert.deepEqual(registry.events, ['publisher built', 'registry built'], 'the publisher was built first');
  // …and listened only once its schemas were in: they are there as soon as the platform is up.
  const api = `${platform.urlOf('schema-registry')}/api/schemas`;
  assert.deepEqual(await (await fetch(`${api}/subjects`)).json(), ['Counted', 'Recounted']);
  for (const type of ['Counted', 'Recounted']) {
    const latest = (await (await fetch(`${api}/subjects/${type}/versions/latest`)).json()) as Record<string, unknown>;
    assert.equal(latest['version'], 1);
    assert.deepEqual(latest['schema'], counted);
  }
});

test('every start registers again, idempotently; an incompatible schema fails the start, saying why', async (t) => {
  const defer = cleanupStack(t);
  const data = await mkdtemp(join(tmpdir(), 'eventflow-host-schemas-'));
  defer(() => rm(data, { recursive: true, force: true }));
  const start = (topic: Topic<unknown>) =>
    runEmbeddedPlatform([registryService().descriptor, publisher(topic)], {
      env: { EVENTFLOW_DATA: data, LOG_LEVEL: 'silent' },
      root: data,
    });

  for (let round = 0; round < 2; round += 1) {
    const platform = await start(countsTopic());
    defer(() => platform.close());
    assert.deepEqual(await versions(platform, 'Counted'), [1], 'the same schema is the same version');
    await platform.close();
  }

  const began = Date.now();
  const incompatible = countsTopic({ ...counted, properties: { n: { type: 'string' } } });
  await assert.rejects(start(incompatible), (error: unknown) => {
    assert.ok(error instanceof SchemaRegistrationError, String(error));
    assert.match(
      error.message,
      /^service publisher: Counted \(on host-schemas\.counts, schemaVersion 1\) is incompatible with the versions the schema registry holds, so the service does not start: incompatible schema for Counted: changed type of 'n' from integer to string \(backward, v1\)/,
    );
    return true;
  });
  assert.ok(Date.now() - began < 20_000, 'at once: a 409 is not tried again');

  // A compatible change is a new version: the topic must say so.
  const widened = { ...counted, properties: { n: { type: 'integer' }, note: { type: 'string' } } };
  await assert.rejects(start(countsTopic(widened)), /as version 2, not 1: .*raise the topic's schemaVersion to 2/);
  const platform = await start(countsTopic(widened, 2));
  defer(() => platform.close());
  assert.deepEqual(await versions(platform, 'Counted'), [1, 2]);
  assert.deepEqual(await versions(platform, 'Recounted'), [1, 2]);
});

test('a platform whose registry fails to start fails at once, with the registry’s error, not the waiting’s', async (t) => {
  const data = await mkdtemp(join(tmpdir(), 'eventflow-host-schemas-'));
  cleanupStack(t)(() => rm(data, { recursive: true, force: true }));
  const began = Date.now();
  await assert.rejects(
    runEmbeddedPlatform([registryService({ startAfterMs: 300, fail: true }).descriptor, publisher(countsTopic())], {
      env: { EVENTFLOW_DATA: data, LOG_LEVEL: 'silent' },
      root: data,
    }),
    /the registry could not open its tables/,
  );
  assert.ok(Date.now() - began < 20_000, `not after the 60 s wait (${Date.now() - began} ms)`);
});

test('a platform without a schema registry (a test of a few services) starts without registering', async (t) => {
  const platform = await embeddedPlatform(t, [door, publisher(countsTopic())]);
  assert.equal(platform.running.registry.get('schema-registry'), undefined);
});

/** An HTTP server on `port` answering `answer(n)` to its n-th request, recording each. */
async function fakeRegistry(t: TestContext, port: number, answer: (n: number) => { status: number; body: unknown }) {
  const seen: Array<{ url: string; correlationId: string; body: unknown }> = [];
  const server = createServer((request: IncomingMessage, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString()));
    request.on('end', () => {
      seen.push({
        url: request.url ?? '',
        correlationId: String(request.headers['x-correlation-id']),
        body: JSON.parse(text) as unknown,
      });
      const { status, body } = answer(seen.length);
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  cleanupStack(t)(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return seen;
}

const registration: SchemaRegistration = {
  type: 'Counted',
  topic: 'host-schemas.counts',
  schemaVersion: 1,
  schema: counted,
};

test('registerSchemas: refused connections and 503s are tried again until the registry answers', async (t) => {
  const port = await freePortRange(1);
  const registering = registerSchemas([registration], { service: 'publisher', url: () => `http://127.0.0.1:${port}` });
  await sleep(300); // nothing listens yet: refused, and tried again
  const seen = await fakeRegistry(t, port, (n) =>
    n <= 2 ? { status: 503, body: { detail: 'starting' } } : { status: 200, body: { version: 1, created: true } },
  );
  assert.deepEqual(await registering, [{ type: 'Counted', version: 1, created: true }]);
  assert.equal(seen.length, 3, 'two 503s, then registered');
  assert.equal(seen[2]?.url, '/api/schemas/subjects/Counted/versions');
  assert.deepEqual(seen[2]?.body, { schema: counted });
  assert.match(seen[2]?.correlationId ?? '', /^publisher-schemas-/);
});

test('registerSchemas: a registry that never answers, or refuses the schema, fails with a clear message', async (t) => {
  const nowhere = await freePortRange(1);
  await assert.rejects(
    registerSchemas([registration], { service: 'publisher', url: () => `http://127.0.0.1:${nowhere}`, timeoutMs: 300 }),
    /^SchemaRegistrationError: service publisher: Counted \(on host-schemas\.counts, schemaVersion 1\): the schema registry did not answer within 0\.3 s \(last: http:\/\/127\.0\.0\.1:\d+: fetch failed \(ECONNREFUSED\)\); is the schema-registry service running\?$/,
  );
  await assert.rejects(
    registerSchemas([registration], {
      service: 'publisher',
      url: () => {
        throw new Error('service schema-registry is not listening yet: declare it in "calls"');
      },
      timeoutMs: 200,
    }),
    /did not answer within 0\.2 s \(last: service schema-registry is not listening yet/,
  );

  const port = await freePortRange(1);
  const seen = await fakeRegistry(t, port, () => ({ status: 400, body: { detail: 'schema is not a JSON Schema' } }));
  await assert.rejects(
    registerSchemas([registration], { service: 'publisher', url: () => `http://127.0.0.1:${port}` }),
    /refused it \(400\): schema is not a JSON Schema/,
  );
  assert.equal(seen.length, 1, 'a 400 is not tried again');

  const elsewhere = await freePortRange(1);
  await fakeRegistry(t, elsewhere, () => ({ status: 200, body: { hello: 'world' } }));
  await assert.rejects(
    registerSchemas([registration], { service: 'publisher', url: () => `http://127.0.0.1:${elsewhere}` }),
    /answered 200 without a version: is it the schema registry\?/,
  );
});

test('a descriptor’s publishes are checked when it is defined: a topic with a schema, each type once', () => {
  const bare: Topic<unknown> = { name: 'bare', partitions: 1, type: 'Bare', schemaVersion: 1, validate: (v) => v };
  assert.throws(() => publisher(bare), /publishes bare, a topic without a JSON Schema/);
  const other = defineTopic({ name: 'host-schemas.other', partitions: 1, type: 'Counted', schema: {} });
  assert.throws(
    () => registrationsOf('twice', [{ topic: countsTopic() }, { topic: other }]),
    /service twice publishes Counted on both host-schemas\.counts and host-schemas\.other/,
  );
  assert.deepEqual(
    registrationsOf('one', [{ topic: countsTopic() }]).map((r) => [r.type, r.topic, r.schemaVersion]),
    [['Counted', 'host-schemas.counts', 1]],
    "default: the topic's own type",
  );
});

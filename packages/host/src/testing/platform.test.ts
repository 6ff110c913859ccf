// The host's test platforms: run for one test, cleaned up after it. The distributed one runs with the
// services' integration tests (services/ticketing/*/src/*.int.test.ts), on the real servers.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { defineTopic } from '@eventflow/bus';
import { collect, eventually } from '@eventflow/bus/testing';
import { defineService } from '../descriptor.ts';
import { distributedPlatform, embeddedPlatform, type EmbeddedPlatform } from './index.ts';

const pings = defineTopic<{ n: number }>({
  name: 'host-testing.pings',
  partitions: 1,
  schema: { type: 'object', required: ['n'], properties: { n: { type: 'integer' } } },
});

/** A front door of the test's own (the real one, the gateway, depends on the host). */
const door = defineService({
  name: 'door',
  system: 'platform',
  description: 'a front door that only says hello',
  routes: [],
  port: 1,
  needs: [],
  front: true,
  build: () => ({ name: 'door', routes: [(app) => void app.get('/hello', () => ({ hello: 'door' }))] }),
});

const pinger = defineService({
  name: 'pinger',
  system: 'test',
  description: 'publishes a ping',
  routes: [],
  port: 1,
  needs: ['bus'],
  build: async ({ ports: { bus } }) => {
    await bus.declare([pings]);
    return {
      name: 'pinger',
      routes: [
        (app) =>
          void app.post('/internal/ping', async () => {
            await bus.publish(pings, [{ key: 'k', value: { n: 1 } }]);
            return { sent: 1 };
          }),
      ],
    };
  },
});

test('embeddedPlatform: the front door, each service by name and the platform’s bus; removed after', async (t) => {
  let running: EmbeddedPlatform | undefined;
  await t.test('a platform for one test', async (inner) => {
    running = await embeddedPlatform(inner, [door, pinger]);
    assert.deepEqual(await (await fetch(`${running.url}/hello`)).json(), { hello: 'door' });
    const received = await collect(running.bus, pings);
    inner.after(() => received.subscription.close());
    const sent = await fetch(`${running.urlOf('pinger')}/internal/ping`, { method: 'POST' });
    assert.equal(sent.status, 200);
    // Published by the service on the platform's bus, read through the handle the test has.
    const message = await eventually(() => received.received[0], 'the ping on the platform’s bus');
    assert.deepEqual(message.value, { n: 1 });
  });
  assert.ok(running);
  assert.equal(existsSync(running.running.dataDir), false, 'its data folder is gone once the test is over');
  await assert.rejects(fetch(`${running.url}/hello`), 'and nothing listens any more');
});

test('distributedPlatform needs a front door among the services, and says so before starting any', async (t) => {
  await assert.rejects(
    distributedPlatform(t, 'no-door', [{ descriptor: pinger, main: '/nowhere/main.ts' }]),
    /no front door among the services \(add the gateway\)/,
  );
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defineService, type AnyServiceDescriptor } from './descriptor.ts';
import { startOrder } from './order.ts';

const service = (name: string, calls: string[] = [], front = false): AnyServiceDescriptor =>
  defineService({
    name,
    system: 'test',
    description: name,
    routes: [],
    port: 1,
    needs: [],
    calls,
    ...(front ? { front: true } : {}),
    build: () => ({ name, routes: [] }),
  });

test('callees start before their callers, the front door last, list order otherwise', () => {
  const order = startOrder([
    service('gw', [], true),
    service('jobs', ['pdf']),
    service('pdf', ['storage']),
    service('storage'),
    service('logs'),
  ]);
  assert.deepEqual(
    order.map((d) => d.name),
    ['storage', 'pdf', 'jobs', 'logs', 'gw'],
  );
});

test('a call to a service not in the platform, a cycle, two front doors and bad names are refused', () => {
  assert.throws(() => startOrder([service('a', ['ghost'])]), /calls ghost, which is not in the platform/);
  assert.throws(() => startOrder([service('a', ['b']), service('b', ['a'])]), /cycle: a → b → a/);
  assert.throws(() => startOrder([service('a', [], true), service('b', [], true)]), /more than one front door/);
  assert.throws(() => service('Bad Name'), /lower-case/);
  assert.throws(
    () =>
      defineService({
        name: 'x',
        system: 's',
        description: '',
        routes: [{ prefix: '/api/' }],
        port: 1,
        needs: [],
        build: () => ({ name: 'x', routes: [] }),
      }),
    /must start with \/ and not end with \//,
  );
});

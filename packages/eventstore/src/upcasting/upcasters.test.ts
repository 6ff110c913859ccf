import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EventStoreError } from '../errors.ts';
import { defineUpcasters, noUpcasters } from './upcasters.ts';

const toV2 = (data: unknown) => ({ ...(data as object), v2: true });
const toV3 = (data: unknown) => ({ ...(data as object), v3: true });

test('upcasters chain from any stored version to the latest, one step at a time', () => {
  const upcasters = defineUpcasters([
    { type: 'Placed', fromVersion: 2, upcast: toV3 },
    { type: 'Placed', fromVersion: 1, upcast: toV2 },
  ]);
  assert.equal(upcasters.latestVersion('Placed'), 3);
  assert.deepEqual(upcasters.upcast('Placed', 1, { a: 1 }), { schemaVersion: 3, data: { a: 1, v2: true, v3: true } });
  assert.deepEqual(upcasters.upcast('Placed', 2, { a: 1 }), { schemaVersion: 3, data: { a: 1, v3: true } });
  assert.deepEqual(upcasters.upcast('Placed', 3, { a: 1 }), { schemaVersion: 3, data: { a: 1 } });
  // Written by newer code than this reader: returned as it is.
  assert.deepEqual(upcasters.upcast('Placed', 7, { a: 1 }), { schemaVersion: 7, data: { a: 1 } });
  // Other types pass through untouched.
  assert.equal(upcasters.latestVersion('Other'), 1);
  assert.deepEqual(noUpcasters.upcast('Other', 1, 'x'), { schemaVersion: 1, data: 'x' });
});

test('a stored version older than the first upcaster is an error with a stable code', () => {
  const upcasters = defineUpcasters([{ type: 'Placed', fromVersion: 2, upcast: toV3 }]);
  assert.throws(
    () => upcasters.upcast('Placed', 1, {}),
    (error: unknown) => error instanceof EventStoreError && error.code === 'EVENTSTORE.UPCASTER_MISSING',
  );
});

test('duplicate, gapped or invalid registrations are refused when defined', () => {
  assert.throws(
    () =>
      defineUpcasters([
        { type: 'T', fromVersion: 1, upcast: toV2 },
        { type: 'T', fromVersion: 1, upcast: toV2 },
      ]),
    /two upcasters/,
  );
  assert.throws(
    () =>
      defineUpcasters([
        { type: 'T', fromVersion: 1, upcast: toV2 },
        { type: 'T', fromVersion: 3, upcast: toV3 },
      ]),
    /skip a version/,
  );
  assert.throws(() => defineUpcasters([{ type: 'T', fromVersion: 0, upcast: toV2 }]), /fromVersion/);
});

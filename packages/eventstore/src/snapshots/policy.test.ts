import assert from 'node:assert/strict';
import { test } from 'node:test';
import { crossesSnapshotPoint, validateSnapshotPolicy } from './policy.ts';

test('a snapshot is due when an append passes a multiple of `every`, however many events it adds', () => {
  const every3 = { every: 3 };
  assert.equal(crossesSnapshotPoint(every3, 0, 2), false);
  assert.equal(crossesSnapshotPoint(every3, 2, 3), true);
  assert.equal(crossesSnapshotPoint(every3, 3, 5), false);
  assert.equal(crossesSnapshotPoint(every3, 5, 10), true);
  assert.equal(crossesSnapshotPoint({ every: 1 }, 7, 8), true);
});

test('a policy needs a positive every and state version', () => {
  assert.throws(() => validateSnapshotPolicy('order', { every: 0 }), /every/);
  assert.throws(() => validateSnapshotPolicy('order', { every: 2, stateVersion: 0 }), /stateVersion/);
  assert.deepEqual(validateSnapshotPolicy('order', { every: 2 }), { every: 2 });
});

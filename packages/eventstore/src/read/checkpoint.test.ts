import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareCheckpoints, startCheckpoint } from './checkpoint.ts';

test('checkpoints compare by transaction id first (as 64-bit integers), then by global position', () => {
  const at = (transactionId: string, globalPosition: number) => ({ transactionId, globalPosition });
  assert.equal(compareCheckpoints(at('9', 50), at('10', 1)), -1, 'numeric, not string, order');
  assert.equal(compareCheckpoints(at('18446744073709551614', 1), at('18446744073709551613', 9)), 1);
  assert.equal(compareCheckpoints(at('10', 2), at('10', 3)), -1);
  assert.equal(compareCheckpoints(at('10', 3), at('10', 3)), 0);
  assert.equal(compareCheckpoints(startCheckpoint, at('1', 1)), -1);
});

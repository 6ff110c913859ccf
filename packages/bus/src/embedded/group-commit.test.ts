import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GroupCommit } from './group-commit.ts';

/** A flush the test completes by hand, recording each batch. */
function manualFlush(): {
  batches: number[][];
  finish: () => void;
  flush: (items: readonly number[]) => Promise<number[]>;
} {
  const batches: number[][] = [];
  const pending: Array<() => void> = [];
  return {
    batches,
    finish: () => pending.shift()?.(),
    flush: (items) => {
      batches.push([...items]);
      return new Promise((resolve) => pending.push(() => resolve(items.map((n) => n * 10))));
    },
  };
}

test('submissions of one turn share a flush; those made during it share the next', async () => {
  const manual = manualFlush();
  const commit = new GroupCommit(manual.flush);
  const first = [1, 2, 3].map((n) => commit.submit(n));
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(manual.batches, [[1, 2, 3]]);
  const second = [4, 5].map((n) => commit.submit(n));
  manual.finish();
  assert.deepEqual(await Promise.all(first), [10, 20, 30]);
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(
    manual.batches,
    [
      [1, 2, 3],
      [4, 5],
    ],
    'one flush for the two that waited',
  );
  manual.finish();
  assert.deepEqual(await Promise.all(second), [40, 50]);
  await commit.idle();
});

test('a failed flush fails its own batch only', async () => {
  let calls = 0;
  const commit = new GroupCommit((items: readonly string[]) =>
    ++calls === 1 ? Promise.reject(new Error('disk full')) : Promise.resolve(items.map((s) => s.length)),
  );
  const failing = commit.submit('a');
  await assert.rejects(failing, /disk full/);
  assert.equal(await commit.submit('abc'), 3);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SucceededAttempt } from '../jobs/continuations.ts';
import { Completions } from './completions.ts';

const attempt = (id: string): SucceededAttempt => ({ id, retryCount: 0, output: { file: id } });

test('successes handed over together are recorded in one transaction; each learns whether it held its job', async () => {
  const groups: string[][] = [];
  const completions = new Completions((attempts) => {
    groups.push(attempts.map((a) => a.id));
    return Promise.resolve(new Set(attempts.map((a) => a.id).filter((id) => id !== 'stale')));
  });
  const held = await Promise.all(['a', 'b', 'stale'].map((id) => completions.complete(attempt(id))));
  assert.deepEqual(held, [true, true, false]);
  assert.deepEqual(groups, [['a', 'b', 'stale']]);
});

test('what comes while a transaction runs goes in the next one, never beside it', async () => {
  const groups: string[][] = [];
  let running = 0;
  let release: (() => void) | undefined;
  const completions = new Completions(async (attempts) => {
    running++;
    assert.equal(running, 1, 'one transaction at a time');
    groups.push(attempts.map((a) => a.id));
    if (groups.length === 1) await new Promise<void>((resolve) => (release = resolve));
    running--;
    return new Set(attempts.map((a) => a.id));
  });
  const first = completions.complete(attempt('a'));
  await new Promise((resolve) => setImmediate(resolve));
  const later = [completions.complete(attempt('b')), completions.complete(attempt('c'))];
  release?.();
  assert.deepEqual(await Promise.all([first, ...later]), [true, true, true]);
  assert.deepEqual(groups, [['a'], ['b', 'c']]);
  assert.equal(await completions.complete(attempt('d')), true, 'an idle worker records at once');
  assert.deepEqual(groups.at(-1), ['d']);
});

test('a transaction that fails fails every attempt in it (they are retried), and the next one runs', async () => {
  let calls = 0;
  const completions = new Completions((attempts) => {
    calls++;
    return calls === 1
      ? Promise.reject(new Error('connection lost'))
      : Promise.resolve(new Set(attempts.map((a) => a.id)));
  });
  const results = await Promise.allSettled([completions.complete(attempt('a')), completions.complete(attempt('b'))]);
  assert.deepEqual(
    results.map((r) => r.status),
    ['rejected', 'rejected'],
  );
  assert.equal(await completions.complete(attempt('c')), true);
});

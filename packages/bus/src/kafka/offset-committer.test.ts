import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type CommitEntry, OffsetCommitter } from './offset-committer.ts';

type Sent = Array<Array<[number, bigint]>>;

/** A port whose commits complete when the test says so. */
function port(options: { generation?: () => number | undefined; fail?: () => boolean } = {}) {
  const sent: Sent = [];
  const pending: Array<() => void> = [];
  return {
    sent,
    complete: () => pending.shift()?.(),
    get waiting() {
      return pending.length;
    },
    port: {
      generation: options.generation ?? (() => 1),
      commit: (offsets: Array<{ partition: number; offset: bigint }>) => {
        sent.push(offsets.map((o) => [o.partition, o.offset]));
        return new Promise<void>((resolve, reject) =>
          pending.push(() => (options.fail?.() ? reject(new Error('coordinator moved')) : resolve())),
        );
      },
    },
  };
}

const entry = (partition: number, offset: number, generation = 1): CommitEntry => ({
  topic: 't',
  partition,
  offset: BigInt(offset),
  leaderEpoch: 0,
  generation,
});

test('one commit in flight; what finishes meanwhile is merged, the highest offset per partition', async () => {
  const kafka = port();
  const committer = new OffsetCommitter(kafka.port);
  committer.track(entry(0, 1));
  committer.track(entry(0, 2));
  committer.track(entry(1, 1));
  committer.track(entry(0, 3));
  assert.deepEqual(kafka.sent, [[[0, 1n]]], 'the first goes at once, the others wait');
  const flushed = committer.flush();
  kafka.complete();
  while (kafka.sent.length < 2) await Promise.resolve();
  assert.deepEqual(kafka.sent[1], [
    [0, 3n],
    [1, 1n],
  ]);
  kafka.complete();
  await flushed;
  assert.equal(kafka.sent.length, 2);
});

test('offsets of an older generation are dropped; none are sent while the member rejoins', async () => {
  let generation: number | undefined = undefined;
  const kafka = port({ generation: () => generation });
  const committer = new OffsetCommitter(kafka.port);
  committer.track(entry(0, 5, 1));
  await committer.flush();
  assert.deepEqual(kafka.sent, [], 'held while rejoining');
  generation = 2;
  committer.track(entry(1, 9, 2));
  const flushed = committer.flush();
  kafka.complete();
  await flushed;
  assert.deepEqual(kafka.sent, [[[1, 9n]]], 'the generation-1 offset was dropped');
});

test('a failed commit is kept and tried again by flush(), a few times at most', async () => {
  let failures = 2;
  const kafka = port({ fail: () => failures-- > 0 });
  const committer = new OffsetCommitter(kafka.port);
  committer.track(entry(0, 4));
  const flushed = committer.flush();
  for (let attempt = 0; attempt < 3; attempt++) {
    while (kafka.waiting === 0) await Promise.resolve();
    kafka.complete();
  }
  await flushed;
  assert.deepEqual(kafka.sent, [[[0, 4n]], [[0, 4n]], [[0, 4n]]]);

  failures = Infinity;
  committer.track(entry(0, 6));
  const givenUp = committer.flush(2);
  for (let attempt = 0; attempt < 2; attempt++) {
    while (kafka.waiting === 0) await Promise.resolve();
    kafka.complete();
  }
  await givenUp; // resolves: the records will simply be delivered again
  assert.equal(kafka.sent.length, 5);
});

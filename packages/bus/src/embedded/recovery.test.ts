import assert from 'node:assert/strict';
import { appendFile, readFile, stat, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { eventually } from '../testing/wait.ts';
import type { Bus } from '../port.ts';
import { gather, numberedTopic, scratch } from './test-support.ts';

/** Publishes n = 1…count to a one-partition topic, closes the bus, and returns the log's path. */
async function logOfFive(
  dir: string,
  open: () => Promise<Bus>,
  count = 5,
): Promise<{ topic: ReturnType<typeof numberedTopic>; log: string }> {
  const topic = numberedTopic(1);
  const bus = await open();
  await bus.declare([topic]);
  await bus.publish(
    topic,
    Array.from({ length: count }, (_, i) => ({ key: 'k', value: { n: i + 1 } })),
  );
  await bus.close();
  return { topic, log: join(dir, 'topics', topic.name, '0.log') };
}

/** Reopens, publishes n = 9, and returns every n the partition then holds, in offset order. */
async function reopenAndRead(
  open: () => Promise<Bus>,
  topic: ReturnType<typeof numberedTopic>,
  expected: number,
): Promise<number[]> {
  const bus = await open();
  try {
    await bus.publish(topic, [{ key: 'k', value: { n: 9 } }]);
    const { received } = await gather(bus, topic);
    await eventually(() => received.length >= expected, `${expected} records`);
    assert.deepEqual(
      received.map((m) => m.offset),
      received.map((_, i) => String(i)),
      'offsets stay consecutive after the cut',
    );
    return received.map((m) => m.value.n);
  } finally {
    await bus.close();
  }
}

test('garbage appended after the last record is cut off on open; every record survives', async (t) => {
  const { dir, open } = await scratch(t);
  const { topic, log } = await logOfFive(dir, open);
  const intact = (await stat(log)).size;
  await appendFile(log, Buffer.from('not a frame: the tail of a write the crash interrupted'));
  assert.deepEqual(await reopenAndRead(open, topic, 6), [1, 2, 3, 4, 5, 9]);
  assert.ok((await stat(log)).size > intact, 'the new record went where the garbage was');
});

test('a zero-filled tail (a file extended but never written) is cut off on open', async (t) => {
  const { dir, open } = await scratch(t);
  const { topic, log } = await logOfFive(dir, open);
  await appendFile(log, Buffer.alloc(4096));
  assert.deepEqual(await reopenAndRead(open, topic, 6), [1, 2, 3, 4, 5, 9]);
});

test('a record cut mid-way is dropped; the records before it survive', async (t) => {
  const { dir, open } = await scratch(t);
  const { topic, log } = await logOfFive(dir, open);
  await truncate(log, (await stat(log)).size - 7);
  assert.deepEqual(await reopenAndRead(open, topic, 5), [1, 2, 3, 4, 9]);
});

test('a corrupt record is cut off with everything after it, and they stay gone after later appends', async (t) => {
  const { dir, open } = await scratch(t);
  const { topic, log } = await logOfFive(dir, open);
  const bytes = await readFile(log);
  const frame = bytes.length / 5; // five frames of one length: n is one digit, ids are UUIDs
  bytes[3 * frame - 3] = bytes[3 * frame - 3]! ^ 0xff; // inside the value of n = 3
  await writeFile(log, bytes);
  // n = 9 lands where n = 3 was; were the tail not cut, the scan would find n = 4 and 5 behind it again.
  assert.deepEqual(await reopenAndRead(open, topic, 3), [1, 2, 9]);
  assert.deepEqual(await reopenAndRead(open, topic, 4), [1, 2, 9, 9]);
});

test('a group whose committed offset lies beyond a cut log resumes at the new end', async (t) => {
  const { dir, open } = await scratch(t);
  const { topic, log } = await logOfFive(dir, open);
  const group = 'cut-group';
  let bus = await open();
  const first = await gather(bus, topic, group);
  await eventually(() => first.received.length === 5, 'the five records');
  await bus.close(); // commits offset 5
  await truncate(log, (await stat(log)).size - 7); // the disk lost record n = 5 after all
  bus = await open();
  await bus.publish(topic, [{ key: 'k', value: { n: 9 } }]); // takes offset 4
  const again = await gather(bus, topic, group);
  await eventually(() => again.received.length >= 1, 'the record published after the cut');
  assert.deepEqual(
    again.received.map((m) => [m.offset, m.value.n]),
    [['4', 9]],
  );
});

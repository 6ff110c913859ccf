// Throughput of the embedded bus's publish, next to anchors measured in the same run on the same disk.
//   node packages/bus/src/embedded/throughput.bench.ts [messages]
// Every acknowledged publish is fsynced: the figures count the fsyncs (FileHandle.datasync) they took.
import { randomUUID } from 'node:crypto';
import { mkdtemp, open, rm, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Bus } from '../port.ts';
import { defineTopic, type Topic } from '../topic.ts';
import { openEmbeddedBus } from './index.ts';

interface Payload {
  readonly data: string;
}
const payload: Payload = { data: 'x'.repeat(89) }; // {"data":"xx…"}: 100 bytes of JSON
const total = Number(process.argv[2] ?? 20_000);

/** Counts FileHandle.datasync calls, the fsyncs of the partition logs. */
async function countFsyncs(dir: string): Promise<() => number> {
  const probe = await open(join(dir, 'probe'), 'w');
  const proto = Object.getPrototypeOf(probe) as FileHandle;
  await probe.close();
  const original = Reflect.get<FileHandle, 'datasync'>(proto, 'datasync');
  let count = 0;
  proto.datasync = function (this: FileHandle) {
    count++;
    return original.call(this);
  };
  return () => count;
}

async function timed(work: () => Promise<void>, fsyncs: () => number): Promise<{ rate: number; syncs: number }> {
  const before = fsyncs();
  const began = performance.now();
  await work();
  return { rate: total / ((performance.now() - began) / 1000), syncs: fsyncs() - before };
}

function freshTopic(partitions: number): Topic<Payload> {
  return defineTopic<Payload>({ name: `bench-${randomUUID()}`, partitions, schema: { type: 'object' } });
}

async function batches(bus: Bus, partitions: number): Promise<void> {
  const topic = freshTopic(partitions);
  await bus.declare([topic]);
  const batch = Array.from({ length: 100 }, (_, i) => ({ key: `key-${i}`, value: payload }));
  for (let sent = 0; sent < total; sent += 100) await bus.publish(topic, batch);
}

async function concurrent(bus: Bus, partitions: number, publishers: number): Promise<void> {
  const topic = freshTopic(partitions);
  await bus.declare([topic]);
  let next = 0;
  await Promise.all(
    Array.from({ length: publishers }, async () => {
      while (next < total) await bus.publish(topic, [{ key: `key-${next++}`, value: payload }]);
    }),
  );
}

/** The anchor: the same bytes appended to one file with one write and one fdatasync per `group` messages. */
async function rawAppends(dir: string, group: number, writers: number): Promise<void> {
  const file = await open(join(dir, `raw-${randomUUID()}`), 'a');
  const bytes = Buffer.alloc(300 * group, 'x'); // a frame of a 100-byte payload and its headers is ~300 bytes
  let next = 0;
  await Promise.all(
    Array.from({ length: writers }, async () => {
      while (next < total) {
        next += group;
        await file.write(bytes);
        await file.datasync();
      }
    }),
  );
  await file.close();
}

const dir = await mkdtemp(join(tmpdir(), 'eventflow-bench-'));
try {
  const fsyncs = await countFsyncs(dir);
  const bus = await openEmbeddedBus({ dir: join(dir, 'bus') });
  const rows: Array<[string, { rate: number; syncs: number }]> = [
    ['embedded: batches of 100, 1 partition', await timed(() => batches(bus, 1), fsyncs)],
    ['embedded: batches of 100, 6 partitions', await timed(() => batches(bus, 6), fsyncs)],
    ['anchor: raw write + fdatasync per 100', await timed(() => rawAppends(dir, 100, 1), fsyncs)],
    ['embedded: 64 concurrent single publishes, 1 partition', await timed(() => concurrent(bus, 1, 64), fsyncs)],
    ['embedded: 64 concurrent single publishes, 6 partitions', await timed(() => concurrent(bus, 6, 64), fsyncs)],
    ['anchor: raw write + fdatasync per message, 64 writers', await timed(() => rawAppends(dir, 1, 64), fsyncs)],
  ];
  await bus.close();
  process.stdout.write(`${total} messages of 100 bytes each\n`);
  const rate = (row: number): number => rows[row]?.[1].rate ?? Number.NaN;
  rows.push(
    ['ratio: batches of 100, 1 partition / anchor per 100', { rate: rate(0) / rate(2), syncs: 0 }],
    ['ratio: 64 concurrent singles, 1 partition / anchor', { rate: rate(3) / rate(5), syncs: 0 }],
  );
  for (const [name, { rate, syncs }] of rows) {
    if (name.startsWith('ratio')) {
      process.stdout.write(`${name.padEnd(56)} ${rate.toFixed(2).padStart(8)}\n`);
      continue;
    }
    const perSync = syncs === 0 ? '' : `, ${(total / syncs).toFixed(1)} messages per fsync`;
    process.stdout.write(
      `${name.padEnd(56)} ${Math.round(rate).toString().padStart(8)} msg/s (${syncs} fsyncs${perSync})\n`,
    );
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}

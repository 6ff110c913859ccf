// The embedded bus: publish throughput (batches of 100; 64 concurrent single publishers) and
// publish→consume latency, next to a raw append + fdatasync loop on the same disk in this run.
// Durability kept by the adapter: a publish is acknowledged only after its frames are written
// and fdatasynced (one fdatasync per group commit per partition log).
//   npm run bench -- embedded        (or: node bench/bus-embedded.ts [--records N])
import { mkdtemp, rm } from 'node:fs/promises';
import { statfsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openEmbeddedBus } from '@eventflow/bus/embedded';
import { countFsyncs } from './bus-embedded/fsyncs.ts';
import { rawAppendLatency, rawAppends } from './bus-embedded/raw-appends.ts';
import { embeddedThroughput, type EmbeddedRun } from './bus-embedded/throughput.ts';
import { embeddedReport } from './bus-embedded/report.ts';
import { int } from './lib/format.ts';
import { oursClient } from './lib/bus-latency-client.ts';
import { closedLoop, openLoop } from './lib/latency-loops.ts';
import { machineLine } from './lib/machine.ts';
import { say, survivePipeClose } from './lib/progress.ts';
import { summarize } from './lib/stats.ts';

const { values: args } = parseArgs({
  options: {
    records: { type: 'string', default: '50000' },
    'closed-loop': { type: 'string', default: '2000' },
    rate: { type: 'string', default: '10000' },
    seconds: { type: 'string', default: '10' },
  },
});
survivePipeClose();
const total = Number(args.records);
const closedCount = Number(args['closed-loop']);
const rate = Number(args.rate);
const seconds = Number(args.seconds);

const dir = await mkdtemp(join(tmpdir(), 'eventflow-bench-embedded-'));
const busDir = join(dir, 'bus');
process.stdout.write(
  `${machineLine(false)}\n` +
    `bus folder ${dir} (filesystem type 0x${statfsSync(dir).type.toString(16)}; 0xef53 is ext4)\n` +
    `durability: a publish resolves only after its frames are written and fdatasynced (group commit per partition log)\n\n`,
);
const fsyncs = await countFsyncs(dir);
const bus = await openEmbeddedBus({ dir: busDir });
try {
  const run = (label: string, partitions: number, batchSize: number, concurrency: number, count = total) =>
    embeddedThroughput(bus, { busDir, label, total: count, partitions, batchSize, concurrency, fsyncs });
  say('warm-up: 5,000 events in batches of 100 (not counted)');
  await run('warm-up', 1, 100, 1, 5_000);
  const runs: Array<[string, EmbeddedRun]> = [];
  for (const [label, partitions, batchSize, concurrency] of [
    ['batches of 100, 1 partition', 1, 100, 1],
    ['batches of 100, 12 partitions', 12, 100, 1],
    ['64 concurrent singles, 1 partition', 1, 1, 64],
    ['64 concurrent singles, 12 partitions', 12, 1, 64],
  ] as const) {
    runs.push([label, await run(label, partitions, batchSize, concurrency)]);
  }
  const frameBytes = Math.round(runs[0]![1].frameBytes);
  say(`anchors: raw appends of ${frameBytes}-byte frames (the size of ours, headers included) + fdatasync`);
  const before = fsyncs();
  const rawBatches = await rawAppends(dir, { total, frameBytes, group: 100, writers: 1 });
  const rawSingles = await rawAppends(dir, { total, frameBytes, group: 1, writers: 64 });
  const rawFsyncs = fsyncs() - before;

  say(`latency, closed loop: ${int(closedCount)} events one at a time, and the raw append + fdatasync loop around it`);
  // The raw loop runs half before and half after ours, so a slow spell of the disk falls on both.
  const rawBefore = await rawAppendLatency(dir, Math.ceil(closedCount / 2), frameBytes);
  const closed = await closedLoop(await oursClient(bus, 1, () => undefined), {
    label: 'embedded, closed loop',
    count: closedCount,
  });
  const raw = summarize([...rawBefore, ...(await rawAppendLatency(dir, Math.floor(closedCount / 2), frameBytes))]);
  say(`latency, open loop: ${int(rate)} events/s for 2 s warm-up + ${seconds} s, on 1 and on 12 partitions`);
  const loop = { rate, seconds, warmUpSeconds: 2 };
  const open1 = await openLoop(await oursClient(bus, 1, () => undefined), { ...loop, label: 'embedded, 1 partition' });
  const open12 = await openLoop(await oursClient(bus, 12, () => undefined), {
    ...loop,
    label: 'embedded, 12 partitions',
  });

  process.stdout.write(
    embeddedReport({
      total,
      frameBytes,
      runs,
      rawBatches,
      rawSingles,
      rawFsyncs,
      closedCount,
      closed,
      raw,
      rate,
      seconds,
      open1,
      open12,
    }),
  );
} finally {
  await bus.close();
  await rm(dir, { recursive: true, force: true });
}

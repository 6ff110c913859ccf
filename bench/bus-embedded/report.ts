import { barChart } from '../lib/chart.ts';
import { fixed, int, ms, ratio, table } from '../lib/format.ts';
import type { OpenLoopResult } from '../lib/latency-loops.ts';
import type { Summary } from '../lib/stats.ts';
import type { EmbeddedRun } from './throughput.ts';

export interface EmbeddedFigures {
  readonly total: number;
  readonly frameBytes: number;
  readonly runs: ReadonlyArray<readonly [string, EmbeddedRun]>;
  readonly rawBatches: number;
  readonly rawSingles: number;
  readonly rawFsyncs: number;
  readonly closedCount: number;
  readonly closed: Summary;
  readonly raw: Summary;
  readonly rate: number;
  readonly seconds: number;
  readonly open1: OpenLoopResult;
  readonly open12: OpenLoopResult;
}

function latencyRow(label: string, s: Summary): string[] {
  return [label, ms(s.p50), ms(s.p99), ms(s.p999), ms(s.max), ms(s.mean)];
}

export function embeddedReport(f: EmbeddedFigures): string {
  const perSec = (elapsedMs: number): number => f.total / (elapsedMs / 1000);
  const publishRate = (index: number): number => perSec(f.runs[index]?.[1].publishMs ?? Number.NaN);
  const rows = f.runs.map(([label, run]) => [
    `embedded: ${label}`,
    int(perSec(run.publishMs)),
    int(perSec(run.consumeMs)),
    int(perSec(run.endToEndMs)),
    int(run.fsyncs),
    fixed(f.total / run.fsyncs, 1),
  ]);
  const open = (label: string, run: OpenLoopResult): string[] => [
    label,
    ms(run.endToEnd.p50),
    ms(run.endToEnd.p99),
    ms(run.endToEnd.p999),
    ms(run.endToEnd.max),
    int(run.missing),
  ];
  return (
    `throughput, msg/s: ${int(f.total)} events of 100 bytes each (${f.frameBytes} bytes a frame on disk, headers included);\n` +
    `fdatasyncs counted in the publish-only phase (no subscriber running, like the raw anchors)\n` +
    table([
      ['', 'publish only', 'consume only', 'publish→consume', 'fdatasyncs', 'events per fdatasync'],
      ...rows,
      [
        'anchor: raw write of 100 frames + fdatasync, 1 loop',
        int(perSec(f.rawBatches)),
        '',
        '',
        int(f.total / 100),
        '100.0',
      ],
      ['anchor: raw write of 1 frame + fdatasync, 64 loops', int(perSec(f.rawSingles)), '', '', int(f.total), '1.0'],
    ]) +
    `(the raw anchors made ${int(f.rawFsyncs)} fdatasyncs; one event per fdatasync, one at a time: ${int(1000 / f.raw.mean)} msg/s, from the latency loop)\n` +
    `ratio batches of 100, 1 partition / raw 100 frames + fdatasync: ${ratio(publishRate(0), perSec(f.rawBatches))}\n` +
    `ratio 64 concurrent singles, 1 partition / 64 raw loops: ${ratio(publishRate(2), perSec(f.rawSingles))}\n\n` +
    `latency, closed loop (${int(f.closedCount)} events, 1 partition): publish one event, wait until it is handled, then the next\n` +
    table([
      ['', 'p50', 'p99', 'p99.9', 'max', 'mean'],
      latencyRow('embedded publish→consume', f.closed),
      latencyRow('anchor: raw write + fdatasync', f.raw),
    ]) +
    `ratio embedded / raw write + fdatasync: p50 ${ratio(f.closed.p50, f.raw.p50)}, p99 ${ratio(f.closed.p99, f.raw.p99)}\n\n` +
    `latency, open loop at ${int(f.rate)} events/s for ${f.seconds} s, publishing every ~1 ms what fell due\n` +
    table([
      ['', 'p50', 'p99', 'p99.9', 'max', 'not received'],
      open('embedded, 1 partition', f.open1),
      open('embedded, 12 partitions', f.open12),
    ]) +
    '\n' +
    barChart('publish only, msg/s', [
      ...f.runs.map(([label, run]) => ({ label, value: perSec(run.publishMs), text: int(perSec(run.publishMs)) })),
      { label: 'raw: 100 frames + fdatasync', value: perSec(f.rawBatches), text: int(perSec(f.rawBatches)) },
      { label: 'raw: 64 loops of 1 + fdatasync', value: perSec(f.rawSingles), text: int(perSec(f.rawSingles)) },
    ])
  );
}

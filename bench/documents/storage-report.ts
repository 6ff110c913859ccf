import { barChart } from '../lib/chart.ts';
import { fixed, int, mib, ms, ratio, table } from '../lib/format.ts';
import { median, summarize } from '../lib/stats.ts';
import type { StorageResult } from './storage-client.ts';

/** One direction of one run, with how busy this thread's event loop (our server's) was meanwhile, 0..1. */
export type Transfer = StorageResult & { readonly busy: number };

/** One run of one contender: its uploads, then downloads of the same files. */
export interface StorageRun {
  readonly upload: Transfer;
  readonly download: Transfer;
}

const mibPerSecond = (r: StorageResult) => r.bytes / mib / (r.elapsedMs / 1000);
const filesPerSecond = (r: StorageResult) => r.latencies.length / (r.elapsedMs / 1000);

function row(label: string, r: Transfer, ours: boolean): string[] {
  const s = summarize(r.latencies);
  const busy = ours ? `${Math.round(r.busy * 100)} %` : '';
  const client = `${Math.round(r.clientBusy * 100)} %`;
  return [label, fixed(mibPerSecond(r), 1), fixed(filesPerSecond(r), 1), ms(s.p50), ms(s.p99), ms(s.max), busy, client];
}

type Direction = 'upload' | 'download';

function medianOf(runs: readonly StorageRun[], direction: Direction, pick: (r: StorageResult) => number): number {
  return median(runs.map((run) => pick(run[direction])));
}

function direction(d: Direction, ours: readonly StorageRun[], nginx: readonly StorageRun[], what: string): string {
  const p = (runs: readonly StorageRun[], q: 'p50' | 'p99') => medianOf(runs, d, (r) => summarize(r.latencies)[q]);
  const rate = (runs: readonly StorageRun[]) => medianOf(runs, d, mibPerSecond);
  const files = (runs: readonly StorageRun[]) => medianOf(runs, d, filesPerSecond);
  return (
    `${what}\n` +
    table([
      ['', 'MiB/s', 'files/s', 'p50', 'p99', 'max', 'our loop busy', 'client loop busy'],
      ...ours.map((run, i) => row(`ours, run ${i + 1}`, run[d], true)),
      ...nginx.map((run, i) => row(`nginx, run ${i + 1}`, run[d], false)),
      ['ours, median', fixed(rate(ours), 1), fixed(files(ours), 1), ms(p(ours, 'p50')), ms(p(ours, 'p99')), ''],
      ['nginx, median', fixed(rate(nginx), 1), fixed(files(nginx), 1), ms(p(nginx, 'p50')), ms(p(nginx, 'p99')), ''],
    ]) +
    `ratio ours / nginx (medians): MiB/s ${ratio(rate(ours), rate(nginx))}, ` +
    `latency p50 ${ratio(p(ours, 'p50'), p(nginx, 'p50'))}, p99 ${ratio(p(ours, 'p99'), p(nginx, 'p99'))}\n\n`
  );
}

export function storageReport(ours: readonly StorageRun[], nginx: readonly StorageRun[], count: number): string {
  const bars = (d: Direction) => [
    {
      label: `ours ${d}`,
      value: medianOf(ours, d, mibPerSecond),
      text: `${fixed(medianOf(ours, d, mibPerSecond), 1)} MiB/s`,
    },
    {
      label: `nginx ${d}`,
      value: medianOf(nginx, d, mibPerSecond),
      text: `${fixed(medianOf(nginx, d, mibPerSecond), 1)} MiB/s`,
    },
  ];
  return (
    direction('upload', ours, nginx, `upload, ${int(count)} files per run (sent → answer read)`) +
    direction('download', ours, nginx, `download of the same ${int(count)} files (sent → last byte read)`) +
    barChart('MiB/s (median of runs)', [...bars('upload'), ...bars('download')])
  );
}

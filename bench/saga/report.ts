import { fixed, int, ms, ratio, table } from '../lib/format.ts';
import { median } from '../lib/stats.ts';
import type { LoopResult } from './closed-loop.ts';

export interface TargetRuns {
  readonly target: string;
  readonly ours: readonly LoopResult[];
  readonly anchor: readonly LoopResult[];
}

function pooled(runs: readonly LoopResult[]) {
  return {
    perSecond: median(runs.map((run) => run.perSecond)),
    p50: median(runs.map((run) => run.latency.p50)),
    p99: median(runs.map((run) => run.latency.p99)),
  };
}

/** One table per database: every round, then the medians and ours ÷ anchor. */
export function sagaReport(results: readonly TargetRuns[], concurrency: number): string {
  const lines: string[] = [];
  for (const result of results) {
    const rows: string[][] = [['run', 'sagas', 'sagas/s', 'p50', 'p99', 'max']];
    for (const run of [...result.anchor, ...result.ours]) {
      rows.push([
        run.label,
        int(run.count),
        int(run.perSecond),
        ms(run.latency.p50),
        ms(run.latency.p99),
        ms(run.latency.max),
      ]);
    }
    const ours = pooled(result.ours);
    const anchor = pooled(result.anchor);
    lines.push(
      `${result.target}: completed 4-step sagas, ${concurrency} concurrent clients (closed loop)\n`,
      table(rows),
      `median of rounds: saga engine ${int(ours.perSecond)} sagas/s, p50 ${ms(ours.p50)}, p99 ${ms(ours.p99)}; ` +
        `hand-written loop ${int(anchor.perSecond)} sagas/s, p50 ${ms(anchor.p50)}, p99 ${ms(anchor.p99)}\n`,
      `ratio (ours ÷ anchor): throughput ${ratio(ours.perSecond, anchor.perSecond)}, ` +
        `p50 latency ${fixed(ours.p50 / anchor.p50, 2)}×, p99 latency ${fixed(ours.p99 / anchor.p99, 2)}×\n\n`,
    );
  }
  return lines.join('');
}

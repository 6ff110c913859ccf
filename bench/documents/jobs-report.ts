import { barChart } from '../lib/chart.ts';
import { int, ms, ratio, table } from '../lib/format.ts';
import { median } from '../lib/stats.ts';
import type { FlowFigures } from './jobs-flow.ts';

/** One phase's runs, by contender: ours first, then the anchor. */
export interface PhaseRuns {
  readonly title: string;
  readonly ours: readonly FlowFigures[];
  readonly anchor: readonly FlowFigures[];
  readonly oursLabel: string;
  readonly anchorLabel: string;
}

function rows(label: string, runs: readonly FlowFigures[]): string[][] {
  return runs.map((run, i) => [
    `${label}, run ${i + 1}`,
    int(run.enqueueRate),
    int(run.completionRate),
    ms(run.latency.p50),
    ms(run.latency.p99),
    ms(run.latency.max),
    `${Math.round(run.busy * 100)} %`,
  ]);
}

const med = (runs: readonly FlowFigures[], pick: (run: FlowFigures) => number): number => median(runs.map(pick));

export function phaseReport(phase: PhaseRuns): string {
  const { ours, anchor } = phase;
  const completion = (runs: readonly FlowFigures[]) => med(runs, (r) => r.completionRate);
  const enqueue = (runs: readonly FlowFigures[]) => med(runs, (r) => r.enqueueRate);
  const p50 = (runs: readonly FlowFigures[]) => med(runs, (r) => r.latency.p50);
  const p99 = (runs: readonly FlowFigures[]) => med(runs, (r) => r.latency.p99);
  return (
    `${phase.title}\n` +
    table([
      ['', 'enqueue jobs/s', 'completed jobs/s', 'p50 send→completed', 'p99', 'max', 'event loop busy'],
      ...rows(phase.oursLabel, ours),
      ...rows(phase.anchorLabel, anchor),
      [`${phase.oursLabel}, median`, int(enqueue(ours)), int(completion(ours)), ms(p50(ours)), ms(p99(ours)), ''],
      [
        `${phase.anchorLabel}, median`,
        int(enqueue(anchor)),
        int(completion(anchor)),
        ms(p50(anchor)),
        ms(p99(anchor)),
        '',
      ],
    ]) +
    `ratio ours / anchor (medians): completed jobs/s ${ratio(completion(ours), completion(anchor))}, ` +
    `enqueue jobs/s ${ratio(enqueue(ours), enqueue(anchor))}, ` +
    `latency p50 ${ratio(p50(ours), p50(anchor))}, p99 ${ratio(p99(ours), p99(anchor))}\n\n` +
    barChart('completed jobs/s (median)', [
      { label: phase.oursLabel, value: completion(ours), text: int(completion(ours)) },
      { label: phase.anchorLabel, value: completion(anchor), text: int(completion(anchor)) },
    ]) +
    '\n'
  );
}

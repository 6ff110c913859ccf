import { barChart } from '../lib/chart.ts';
import { int, ms, ratio, table } from '../lib/format.ts';
import { median } from '../lib/stats.ts';
import type { ChildResult, ReadFigures } from './child.ts';
import { contenderLabels, type ContenderName } from './contender.ts';
import type { AppendFigures } from './phases.ts';

export interface MeasuredRun {
  readonly contender: ContenderName;
  readonly round: number;
  readonly result: ChildResult;
}

export interface ReportOptions {
  readonly streams: number;
  readonly seconds: number;
  readonly warmUpSeconds: number;
  readonly pageSize: number;
  readonly readAllEvents: number;
}

const contenders: readonly ContenderName[] = ['ours', 'emmett', 'pglite'];

function appendRuns(runs: readonly MeasuredRun[], phase: 'append-1' | 'append-10') {
  return runs.flatMap((run) =>
    run.result.phase === phase ? [{ contender: run.contender, round: run.round, figures: run.result.append }] : [],
  );
}

function readRuns(runs: readonly MeasuredRun[]) {
  return runs.flatMap((run) =>
    run.result.phase === 'read' ? [{ contender: run.contender, round: run.round, figures: run.result.read }] : [],
  );
}

/** The median over a contender's rounds of one figure; NaN when it did not run. */
function medianOf<T>(
  rows: ReadonlyArray<{ contender: ContenderName; figures: T }>,
  who: ContenderName,
  pick: (figures: T) => number,
): number {
  return median(rows.filter((row) => row.contender === who).map((row) => pick(row.figures)));
}

const appendsPerSecond = (f: AppendFigures): number => f.appends / f.seconds;
const eventsPerSecond = (f: AppendFigures): number => f.events / f.seconds;

function appendSection(runs: readonly MeasuredRun[], phase: 'append-1' | 'append-10', o: ReportOptions): string {
  const rows = appendRuns(runs, phase);
  if (rows.length === 0) return '';
  const size = phase === 'append-1' ? 1 : 10;
  const present = contenders.filter((who) => rows.some((row) => row.contender === who));
  const perRun = rows.map(({ contender, round, figures }) => [
    `${contenderLabels[contender]}, round ${round}`,
    int(appendsPerSecond(figures)),
    int(eventsPerSecond(figures)),
    ms(figures.latency.p50),
    ms(figures.latency.p99),
    ms(figures.latency.max),
  ]);
  const medians = present.map((who) => [
    `${contenderLabels[who]}, median of rounds`,
    int(medianOf(rows, who, appendsPerSecond)),
    int(medianOf(rows, who, eventsPerSecond)),
    ms(medianOf(rows, who, (f) => f.latency.p50)),
    ms(medianOf(rows, who, (f) => f.latency.p99)),
    '',
  ]);
  const oursRate = medianOf(rows, 'ours', appendsPerSecond);
  const emmettRate = medianOf(rows, 'emmett', appendsPerSecond);
  const perRound = [...new Set(rows.map((row) => row.round))].map((round) => {
    const of = (who: ContenderName) => rows.find((row) => row.round === round && row.contender === who)?.figures;
    const [ours, emmett] = [of('ours'), of('emmett')];
    return ours === undefined || emmett === undefined
      ? ''
      : `round ${round} ${ratio(appendsPerSecond(ours), appendsPerSecond(emmett))}`;
  });
  return (
    `${size}-event appends, ${o.streams} streams, one writer each in a closed loop, ${o.seconds} s measured after ${o.warmUpSeconds} s warm-up\n` +
    table([['', 'appends/s', 'events/s', 'p50', 'p99', 'max'], ...perRun, ...medians]) +
    `ratio ours / Emmett, appends/s (above 1× = ours faster): ${ratio(oursRate, emmettRate)} (${perRound.filter(Boolean).join(', ')})\n` +
    `ratio ours / Emmett, latency (below 1× = ours faster): p50 ${ratio(
      medianOf(rows, 'ours', (f) => f.latency.p50),
      medianOf(rows, 'emmett', (f) => f.latency.p50),
    )}, ` +
    `p99 ${ratio(
      medianOf(rows, 'ours', (f) => f.latency.p99),
      medianOf(rows, 'emmett', (f) => f.latency.p99),
    )}\n\n` +
    barChart(
      `${size}-event appends, events/s (median of rounds)`,
      present.map((who) => {
        const value = medianOf(rows, who, eventsPerSecond);
        return { label: contenderLabels[who], value, text: int(value) };
      }),
    ) +
    '\n'
  );
}

const readAllRate = (f: ReadFigures): number => f.all.events / f.all.seconds;

function readSection(runs: readonly MeasuredRun[], o: ReportOptions): string {
  const rows = readRuns(runs);
  if (rows.length === 0) return '';
  const present = contenders.filter((who) => rows.some((row) => row.contender === who));
  const line = (label: string, f: ReadFigures): string[] => [
    label,
    ms(f.small.latency.p50),
    ms(f.small.latency.p99),
    ms(f.large.latency.p50),
    ms(f.large.latency.p99),
    int(readAllRate(f)),
    ms(f.all.latency.p50),
    ms(f.all.latency.p99),
    Number.isNaN(f.all.eventsPerPass) ? `no whole pass` : `${int(f.all.eventsPerPass)} of ${int(f.all.stored)}`,
  ];
  const perRun = rows.map(({ contender, round, figures }) =>
    line(`${contenderLabels[contender]}, round ${round}`, figures),
  );
  const med = (who: ContenderName, pick: (f: ReadFigures) => number): number => medianOf(rows, who, pick);
  const medians = present.map((who) => [
    `${contenderLabels[who]}, median of rounds`,
    ms(med(who, (f) => f.small.latency.p50)),
    ms(med(who, (f) => f.small.latency.p99)),
    ms(med(who, (f) => f.large.latency.p50)),
    ms(med(who, (f) => f.large.latency.p99)),
    int(med(who, readAllRate)),
    ms(med(who, (f) => f.all.latency.p50)),
    ms(med(who, (f) => f.all.latency.p99)),
    '',
  ]);
  const r = (pick: (f: ReadFigures) => number): string => ratio(med('ours', pick), med('emmett', pick));
  return (
    `reads, one reader at a time, ${int(o.seconds / 3)} s each after a warm-up: a whole stream of 100 and of 1000 events; ` +
    `the global order from the start in pages of ${o.pageSize} over ${int(o.readAllEvents)}+ events ` +
    `(ours readAll; Emmett readMessagesBatch, what its consumers pull with)\n` +
    table([
      [
        '',
        '100: p50',
        '100: p99',
        '1000: p50',
        '1000: p99',
        'global events/s',
        'page p50',
        'page p99',
        'events a pass',
      ],
      ...perRun,
      ...medians,
    ]) +
    `ratio ours / Emmett, readStream latency (below 1× = ours faster): 100 events p50 ${r((f) => f.small.latency.p50)}, p99 ${r((f) => f.small.latency.p99)}; ` +
    `1000 events p50 ${r((f) => f.large.latency.p50)}, p99 ${r((f) => f.large.latency.p99)}\n` +
    `ratio ours / Emmett, global order events/s (above 1× = ours faster): ${r(readAllRate)}\n\n` +
    barChart(
      'readStream of 1000 events, p50 (median of rounds; shorter is faster)',
      present.map((who) => {
        const value = med(who, (f) => f.large.latency.p50);
        return { label: contenderLabels[who], value, text: ms(value) };
      }),
    ) +
    '\n'
  );
}

const fairness = (o: ReportOptions): string => `what each store does per append:
  ours:   one statement, its own transaction (no hook configured): SELECT append_to_stream(…) — a PL/pgSQL call,
          a named prepared statement, that locks or creates the stream row (INSERT … ON CONFLICT DO UPDATE),
          checks the expected version and that no newer transaction wrote the stream (the no-skip order), inserts
          the events from one array per column and moves the stream's version and last_transaction_id. Metadata
          written: messageId, correlationId, causationId, occurredAt, headers, transaction id (xid8), recorded_at.
          No outbox or projection hook is configured here (with one: BEGIN; the call; the hook; COMMIT).
  Emmett: BEGIN; SELECT emt_append_to_stream(…) — one PL/pgSQL call: INSERT the stream row when the expected
          version is 0 (a duplicate is a conflict), otherwise UPDATE … WHERE stream_position = expected (the row
          lock serialises writers; 0 rows updated is a conflict); INSERT the events from unnest() with the
          transaction id; COMMIT. Metadata written: messageId (in a jsonb metadata column too), transaction id.
  indexes kept per event row: ours 4 (global_position; stream_id, version; message_id; transaction_id,
          global_position — the last one is what readAll pages along); Emmett 1 (stream_id, stream_position,
          partition, is_archived): its global-order read sorts the table on every page, so its cost grows with the
          table (here ${int(o.readAllEvents)}+ events).
`;

export function eventStoreReport(runs: readonly MeasuredRun[], options: ReportOptions): string {
  return (
    appendSection(runs, 'append-1', options) +
    appendSection(runs, 'append-10', options) +
    readSection(runs, options) +
    fairness(options)
  );
}

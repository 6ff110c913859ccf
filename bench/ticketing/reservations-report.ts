import { barChart } from '../lib/chart.ts';
import { fixed, int, ms, ratio, table } from '../lib/format.ts';
import { median, summarize } from '../lib/stats.ts';
import type { CpuUsage } from './cpu-usage.ts';
import type { RouteTotals } from './metrics.ts';
import type { Mode } from './platform.ts';

/** One measured crowd on the platform. */
export interface OursRun {
  /** POST /api/reservar, sent → whole answer read, ms. */
  readonly latencies: readonly number[];
  /** First request sent → every reservation ended, ms. */
  readonly elapsedMs: number;
  readonly confirmed: number;
  readonly failed: number;
  readonly pending: number;
  readonly sold: number;
  readonly aforo: number;
  readonly oversold: number;
  /** sold + available = capacity, nothing left held. */
  readonly balanced: boolean;
  readonly byStatus: Readonly<Record<number, number>>;
  readonly errors: Readonly<Record<string, number>>;
  /** HTTP exchanges (requests answered by the gateway and the services) per reservation. */
  readonly hops: number;
}

/** One run of an anchor: `count` operations, one latency each. */
export interface AnchorRun {
  readonly latencies: readonly number[];
  readonly elapsedMs: number;
  readonly note: string;
}

export interface ModeResults {
  readonly mode: Mode;
  readonly ours: OursRun[];
  readonly sql: AnchorRun[];
  readonly http: AnchorRun[];
  sqlLabel: string;
  /** Every measured run's requests and server-side seconds, per `service method route`. */
  readonly routes: RouteTotals;
  /** CPU by process over each measured run. */
  readonly cpu: CpuUsage[];
  profile: string;
}

const describe: Readonly<Record<Mode, string>> = {
  embedded:
    'embedded platform: one process (tools/start.ts --systems ticketing), the gateway and 6 services on PGlite, the embedded bus',
  distributed:
    'distributed platform: a process per service (tools/start-distributed.ts --systems ticketing) on PostgreSQL, MongoDB (FerretDB), Redis and Kafka',
};

const oursRate = (r: OursRun) => r.confirmed / (r.elapsedMs / 1000);
const anchorRate = (count: number) => (r: AnchorRun) => count / (r.elapsedMs / 1000);

function statuses(r: OursRun): string {
  const parts = Object.entries(r.byStatus).map(([status, n]) => `${status === '0' ? 'no answer' : status} ×${n}`);
  const errors = Object.entries(r.errors).map(([what, n]) => `${what} ×${n}`);
  return [...parts, ...errors].join(' ');
}

function modeReport(m: ModeResults, count: number): string {
  const p = (runs: ReadonlyArray<{ latencies: readonly number[] }>, q: 'p50' | 'p99') =>
    median(runs.map((r) => summarize(r.latencies)[q]));
  const rateOurs = median(m.ours.map(oursRate));
  const rateHttp = median(m.http.map(anchorRate(count)));
  const rateSql = median(m.sql.map(anchorRate(count)));
  const latencyCells = (latencies: readonly number[]) => {
    const s = summarize(latencies);
    return [ms(s.p50), ms(s.p99), ms(s.max)];
  };
  const rows = [
    ['', 'reservations/s', 'p50', 'p99', 'max', 'confirmed', 'oversold', 'books', 'answers'],
    ...m.ours.map((r, i) => [
      `ours, run ${i + 1}`,
      fixed(oursRate(r), 1),
      ...latencyCells(r.latencies),
      `${r.confirmed}/${r.aforo}`,
      String(r.oversold),
      r.balanced && r.pending === 0 ? 'balance' : `DO NOT BALANCE (pending ${r.pending})`,
      statuses(r),
    ]),
    ...m.http.map((r, i) => [`HTTP floor, run ${i + 1}`, fixed(anchorRate(count)(r), 1), ...latencyCells(r.latencies)]),
    ...m.sql.map((r, i) => [`SQL floor, run ${i + 1}`, fixed(anchorRate(count)(r), 1), ...latencyCells(r.latencies)]),
    ['ours, median', fixed(rateOurs, 1), ms(p(m.ours, 'p50')), ms(p(m.ours, 'p99'))],
    ['HTTP floor, median', fixed(rateHttp, 1), ms(p(m.http, 'p50')), ms(p(m.http, 'p99'))],
    ['SQL floor, median', fixed(rateSql, 1), ms(p(m.sql, 'p50')), ms(p(m.sql, 'p99'))],
  ];
  const hops = median(m.ours.map((r) => r.hops));
  const measured = m.ours.reduce((n, r) => n + r.latencies.length, 0);
  const routeRows = [...m.routes]
    .map(([key, v]) => {
      const [service = '', method = '', route = ''] = key.split(' ');
      return {
        service,
        call: `${method} ${route}`,
        perReservation: v.count / measured,
        meanMs: (v.seconds / v.count) * 1000,
      };
    })
    .filter((r) => r.perReservation >= 0.01)
    .sort((a, b) => a.service.localeCompare(b.service) || b.perReservation - a.perReservation);
  return (
    `${describe[m.mode]}\n` +
    table(rows) +
    `ratio ours / HTTP floor (medians): reservations/s ${ratio(rateOurs, rateHttp)}, ` +
    `latency p50 ${ratio(p(m.ours, 'p50'), p(m.http, 'p50'))}, p99 ${ratio(p(m.ours, 'p99'), p(m.http, 'p99'))}\n` +
    `ratio ours / SQL floor (medians): reservations/s ${ratio(rateOurs, rateSql)}, ` +
    `latency p50 ${ratio(p(m.ours, 'p50'), p(m.sql, 'p50'))}, p99 ${ratio(p(m.ours, 'p99'), p(m.sql, 'p99'))}\n` +
    `HTTP floor: ${m.http[0]?.note ?? ''} (${fixed(hops, 1)} HTTP exchanges per reservation, gateway and services, ` +
    `as the services' metrics counted them), ${m.http.length > 0 ? 'same client, same concurrency' : ''}\n` +
    `SQL floor: ${m.sqlLabel}\n\n` +
    `where a reservation's requests go (every measured run; server-side time from each service's own ` +
    `http_request_duration_seconds — a caller's time includes its callees'):\n` +
    table([
      ['service', 'route', 'per reservation', 'mean'],
      ...routeRows.map((r) => [r.service, r.call, fixed(r.perReservation, 2), ms(r.meanMs)]),
    ]) +
    '\n' +
    cpuTable(m.cpu, measured) +
    '\n'
  );
}

/** CPU seconds by process over the measured runs, and per reservation. */
function cpuTable(runs: readonly CpuUsage[], reservations: number): string {
  const seconds = new Map<string, number>();
  let wall = 0;
  let cores = 0;
  for (const run of runs) {
    for (const row of run.rows) seconds.set(row.name, (seconds.get(row.name) ?? 0) + row.seconds);
    wall += run.wallSeconds;
    cores += run.machineCores * run.wallSeconds;
  }
  const rows = [...seconds].sort(([, a], [, b]) => b - a);
  return (
    `CPU during the measured runs (/proc: user + system; ${fixed(wall, 1)} s of wall time, the machine's 2 cores ` +
    `${fixed((cores / wall / 2) * 100, 0)} % busy on average):\n` +
    table([
      ['process', 'CPU s', 'per reservation', 'cores'],
      ...rows.map(([name, s]) => [name, fixed(s, 1), ms((s / reservations) * 1000), fixed(s / wall, 2)]),
    ])
  );
}

export function reservationsReport(all: readonly ModeResults[], count: number): string {
  const bars = all.flatMap((m) => {
    const rateOurs = median(m.ours.map(oursRate));
    const rateHttp = median(m.http.map(anchorRate(count)));
    return [
      { label: `${m.mode}, ours`, value: rateOurs, text: `${fixed(rateOurs, 1)} reservations/s` },
      { label: `${m.mode}, HTTP floor`, value: rateHttp, text: `${fixed(rateHttp, 1)} reservations/s` },
    ];
  });
  return (
    all.map((m) => modeReport(m, count)).join('\n') +
    barChart(
      `reservations/s, median of rounds (the SQL floors, far above, are in the tables; ${int(count)} per run)`,
      bars,
    )
  );
}

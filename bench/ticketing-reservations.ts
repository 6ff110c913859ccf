// Reservations completed per second through the gateway (POST /api/reservar: the chain of checks,
// then the purchase saga — hold, charge, confirm, record the purchase, publish), never oversold, on
// the embedded platform and on the distributed one; and two anchors in the same run, in ABBA order:
//   - the SQL floor: the conditional seat decrement alone (UPDATE … WHERE disponibles >= 1) on the
//     same kind of database, same count, same concurrency: what not overselling costs by itself;
//   - the HTTP floor: as many HTTP exchanges as a reservation made (counted in the services' own
//     metrics), as round trips through the gateway to a service's trivial GET /health: what the
//     platform's service-to-service HTTP costs by itself.
//   node bench/ticketing-reservations.ts [--platform both|embedded|distributed] [--reservations 1000]
//        [--concurrency 64] [--rounds 2] [--users 200] [--provider-latency 1-5] [--profile DIR]
import { mkdir, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { audit, awaitSettled, createEvent, createUsers, sendCrowd } from '@eventflow/ticketing/driver';
import { monotonicUs, profileReport, readProfile, summarise, type Window } from './lib/cpu-profile.ts';
import { int } from './lib/format.ts';
import { machineLine } from './lib/machine.ts';
import { Progress, say, survivePipeClose } from './lib/progress.ts';
import { loadGroups } from './ticketing/http-load.ts';
import { requestsOf, routeDelta, scrapeRoutes, type RouteTotals } from './ticketing/metrics.ts';
import { setProvider, startTicketing, type BenchPlatform, type Mode } from './ticketing/platform.ts';
import { reservationsReport, type AnchorRun, type ModeResults, type OursRun } from './ticketing/reservations-report.ts';
import { sqlAnchor } from './ticketing/sql-anchor.ts';
import { cpuSnapshot, cpuUsage, type CpuUsage } from './ticketing/cpu-usage.ts';

const { values: args } = parseArgs({
  options: {
    platform: { type: 'string', default: 'both' },
    reservations: { type: 'string', default: '1000' },
    concurrency: { type: 'string', default: '64' },
    rounds: { type: 'string', default: '2' },
    users: { type: 'string', default: '200' },
    'warm-up': { type: 'string', default: '100' },
    'provider-latency': { type: 'string', default: '1-5' },
    profile: { type: 'string' },
  },
});
survivePipeClose();
const reservations = Number(args.reservations);
const concurrency = Number(args.concurrency);
const rounds = Number(args.rounds);
const userCount = Number(args.users);
const warmUp = Number(args['warm-up']);
const providerLatency = args['provider-latency'];
const modes: Mode[] =
  args.platform === 'both'
    ? ['embedded', 'distributed']
    : [args.platform === 'distributed' ? 'distributed' : 'embedded'];
if (!['both', 'embedded', 'distributed'].includes(args.platform)) {
  process.stderr.write(`--platform ${args.platform}: both, embedded or distributed\n`);
  process.exit(2);
}
const profileRoot = args.profile === undefined ? undefined : resolve(args.profile);

process.stdout.write(
  `${machineLine(modes.includes('distributed'))}\n` +
    `${int(reservations)} reservations per round (one ticket each, seats = reservations, no payment declined, ` +
    `provider latency ${providerLatency} ms), ${concurrency} requests in flight from ${userCount} users; ` +
    `${rounds} round(s) per contender in ABBA order after a warm-up of ${int(warmUp)} reservations\n\n`,
);

/** One measured crowd: a fresh event with as many seats as reservations, every one a full purchase. */
async function ours(
  platform: BenchPlatform,
  usuarios: readonly string[],
  count: number,
  label: string,
): Promise<OursRun & { delta: RouteTotals; window: Window; cpu: CpuUsage; names: ReadonlyMap<number, string> }> {
  const eventoId = await createEvent(platform.url, count, { max_entradas_por_usuario: 100 });
  const before = await scrapeRoutes(platform.url);
  const progress = new Progress(label, count, 'reservations');
  const statuses: Record<number, number> = {};
  const from = monotonicUs();
  const cpuBefore = cpuSnapshot();
  const crowd = await sendCrowd(platform.url, {
    requests: count,
    concurrency,
    usuarios,
    evento_id: eventoId,
    onAnswer: (done, status) => {
      statuses[status] = (statuses[status] ?? 0) + 1;
      progress.update(
        done,
        Object.entries(statuses)
          .map(([s, n]) => `${s} ×${n}`)
          .join(' '),
      );
    },
  });
  progress.finish(count);
  // Answered 201/402/409 = ended; a 202 is still in its saga: then the run ends when none is pending.
  let elapsedMs = crowd.elapsedMs;
  if ((crowd.byStatus[202] ?? 0) > 0) {
    const began = performance.now() - crowd.elapsedMs;
    await awaitSettled(platform.url, eventoId, { timeoutMs: 600_000 });
    elapsedMs = performance.now() - began;
  }
  const window: Window = [from, monotonicUs()];
  const cpuAfter = cpuSnapshot();
  const after = await scrapeRoutes(platform.url);
  const books = await audit(platform.url, eventoId);
  const delta = routeDelta(before, after);
  return {
    latencies: [...crowd.latenciesMs],
    elapsedMs,
    confirmed: books.reservas.confirmada,
    failed: books.reservas.fallida,
    pending: books.reservas.pendiente,
    sold: books.vendidas,
    aforo: books.aforo,
    oversold: books.oversold,
    balanced: books.vendidas + books.disponibles === books.aforo && books.retenidas === 0,
    byStatus: crowd.byStatus,
    errors: crowd.errors,
    hops: requestsOf(delta) / count,
    delta,
    window,
    cpu: cpuUsage(cpuBefore, cpuAfter),
    names: cpuAfter.names,
  };
}

async function httpAnchor(platform: BenchPlatform, count: number, hops: number, label: string): Promise<AnchorRun> {
  // A round trip through the gateway is two exchanges (gateway, service): hops/2 per reservation.
  const perReservation = hops / 2;
  const groups = Array.from(
    { length: count },
    (_, i) => Math.floor((i + 1) * perReservation) - Math.floor(i * perReservation),
  );
  const progress = new Progress(
    label,
    groups.reduce((a, b) => a + b, 0),
    'requests',
  );
  const result = await loadGroups({
    url: `${platform.url}/services/reservations/health`,
    concurrency,
    groups,
    onProgress: (done) => progress.update(done),
  });
  progress.finish(result.requests);
  if (Object.keys(result.unexpected).length > 0) {
    throw new Error(`the HTTP anchor got unexpected answers: ${JSON.stringify(result.unexpected)} ${result.example}`);
  }
  return {
    latencies: result.latencies,
    elapsedMs: result.elapsedMs,
    note: `${fixedHops(perReservation)} GET /services/reservations/health per reservation`,
  };
}

const fixedHops = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

async function measureMode(mode: Mode): Promise<ModeResults> {
  const profileDir = profileRoot === undefined ? undefined : join(profileRoot, mode);
  if (profileDir !== undefined) await mkdir(profileDir, { recursive: true });
  const platform = await startTicketing(mode, profileDir === undefined ? {} : { profileDir });
  const windows: Window[] = [];
  const names = new Map<number, string>();
  const results: ModeResults = {
    mode,
    ours: [],
    sql: [],
    http: [],
    sqlLabel: '',
    routes: new Map(),
    cpu: [],
    profile: '',
  };
  try {
    await setProvider(platform.url, { latencia_ms: providerLatency, tasa_rechazo: 0 });
    say(`${mode}: creating ${userCount} users`);
    const usuarios = await createUsers(platform.url, userCount);
    say(`${mode}: warm-up, ${warmUp} reservations (not counted)`);
    let hops = (await ours(platform, usuarios, warmUp, `${mode} warm-up`)).hops;
    const kind = mode === 'embedded' ? 'pglite' : 'postgres';
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? (['ours', 'sql', 'http'] as const) : (['http', 'sql', 'ours'] as const);
      for (const which of order) {
        const label = `${mode} round ${round + 1}: ${which}`;
        say(label);
        if (which === 'ours') {
          const run = await ours(platform, usuarios, reservations, label);
          hops = run.hops;
          results.ours.push(run);
          windows.push(run.window);
          for (const [pid, name] of run.names) names.set(pid, name);
          results.cpu.push(run.cpu);
          for (const [route, value] of run.delta) {
            const sum = results.routes.get(route) ?? { count: 0, seconds: 0 };
            results.routes.set(route, { count: sum.count + value.count, seconds: sum.seconds + value.seconds });
          }
        } else if (which === 'sql') {
          const run = await sqlAnchor(kind, reservations, concurrency);
          if (run.oversold > 0 || run.sold !== reservations) {
            throw new Error(`the SQL anchor sold ${run.sold} of ${reservations}, ${run.oversold} oversold`);
          }
          results.sqlLabel = run.label;
          results.sql.push({ latencies: run.latencies, elapsedMs: run.elapsedMs, note: run.label });
        } else {
          results.http.push(await httpAnchor(platform, reservations, hops, label));
        }
      }
    }
  } finally {
    await platform.stop();
  }
  if (profileDir !== undefined) results.profile = await profiles(profileDir, mode, windows, names);
  return results;
}

/**
 * Each platform process's profile (the embedded platform is one process; distributed, one per
 * service), summarised over the measured crowds only: startup, warm-up and anchors left out.
 */
async function profiles(
  dir: string,
  mode: Mode,
  windows: readonly Window[],
  names: ReadonlyMap<number, string>,
): Promise<string> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.cpuprofile'));
  const summaries = await Promise.all(
    files.map(async (file) => {
      // node names them CPU.<date>.<time>.<pid>.<thread>.<sequence>.cpuprofile
      const pid = Number(file.split('.')[3]);
      const name = names.get(pid) ?? `pid ${pid}`;
      return { file, name, summary: summarise(await readProfile(join(dir, file)), windows) };
    }),
  );
  summaries.sort((a, b) => b.summary.busyUs - a.summary.busyUs);
  if (summaries.length === 0) return `(no .cpuprofile written to ${dir})\n`;
  const top = mode === 'embedded' ? 25 : 10;
  return summaries
    .map(({ file, name, summary }) =>
      profileReport(`${mode} CPU profile of ${name} (${join(dir, file)})`, summary, top),
    )
    .join('\n');
}

const all: ModeResults[] = [];
for (const mode of modes) all.push(await measureMode(mode));
process.stdout.write(reservationsReport(all, reservations));
for (const m of all) if (m.profile !== '') process.stdout.write(`\n${m.profile}`);

// Which PostgreSQL job queue the job server stands on, measured: each candidate enqueues JOBS
// no-op jobs one call each (IN_FLIGHT calls at once, as the API would) and then completes them,
// on the same real PostgreSQL (a fresh database each) and on PGlite, the embedded engine.
//
//   DATABASE_URL=postgres://eventflow:eventflow@127.0.0.1:5432/eventflow \
//     node services/documents/jobs/bench/queue-choice.ts [JOBS=5000] [IN_FLIGHT=10] [ROUNDS=3]
//
// Each candidate runs ROUNDS times, each on a database of its own; the round with the median
// overall rate is printed (the first rounds of a process also pay for JIT warm-up).
// PGLITE_SOCKET_MODULE=<path to @electric-sql/pglite-socket's dist/index.js> adds the candidates
// served from PGlite over the wire protocol (graphile-worker can only reach PGlite that way).
import { PGlite } from '@electric-sql/pglite';
import { freshDatabase, loadSocketServer, servedPGlite } from './databases.ts';
import { graphileCandidate } from './graphile-candidate.ts';
import { pgBossCandidate } from './pg-boss-candidate.ts';
import { measure, type Candidate, type Figures } from './workload.ts';

const adminUrl = process.env['DATABASE_URL'] ?? 'postgres://eventflow:eventflow@127.0.0.1:5432/eventflow';
const jobs = Number(process.argv[2] ?? 5000);
const inFlight = Number(process.argv[3] ?? 10);
const rounds = Number(process.argv[4] ?? 3);
const concurrency = 10;
const SocketServer = await loadSocketServer(process.env['PGLITE_SOCKET_MODULE']);

interface Row {
  readonly candidate: string;
  readonly figures?: Figures;
  readonly note?: string;
}

/** Runs one candidate `rounds` times; one that cannot run (or crashes the process) is a row with the reason. */
async function trial(
  name: string,
  open: () => Promise<{ candidate: Candidate; dispose(): Promise<void> }>,
): Promise<Row> {
  const results: Figures[] = [];
  for (let round = 1; round <= rounds; round++) {
    process.stderr.write(`${name}, round ${round}…\n`);
    let opened: { candidate: Candidate; dispose(): Promise<void> } | undefined;
    try {
      opened = await open();
      results.push(await guarded(measure(opened.candidate, jobs, inFlight), 600_000));
    } catch (error) {
      return { candidate: name, note: `does not run: ${error instanceof Error ? error.message : String(error)}` };
    } finally {
      await opened?.candidate.close().catch(() => undefined);
      await opened?.dispose().catch(() => undefined);
    }
  }
  const sorted = results.sort((a, b) => a.overallPerSecond - b.overallPerSecond);
  return {
    candidate: name,
    figures: sorted[Math.floor(sorted.length / 2)] ?? { enqueuePerSecond: 0, processPerSecond: 0, overallPerSecond: 0 },
  };
}

async function onPostgres(prefix: string, make: (url: string) => Promise<Candidate>) {
  const database = await freshDatabase(adminUrl, prefix);
  return { candidate: await make(database.url), dispose: () => database.drop() };
}

const rows: Row[] = [];
rows.push(
  await trial('pg-boss on PostgreSQL', () =>
    onPostgres('bench_pgboss', (url) => pgBossCandidate('pg-boss', { url }, concurrency)),
  ),
);
rows.push(
  await trial('graphile-worker on PostgreSQL', () =>
    onPostgres('bench_graphile', (url) => graphileCandidate('graphile-worker', url, concurrency)),
  ),
);
rows.push(
  await trial('pg-boss on PGlite (directly: fromPglite)', async () => {
    const pglite = await PGlite.create();
    return { candidate: await pgBossCandidate('pg-boss', { pglite }, concurrency), dispose: () => pglite.close() };
  }),
);
if (SocketServer === undefined) {
  rows.push({
    candidate: 'graphile-worker on PGlite',
    note: 'needs a pg connection: only through @electric-sql/pglite-socket (set PGLITE_SOCKET_MODULE to measure)',
  });
} else {
  rows.push(
    await trial('graphile-worker on PGlite (via pglite-socket)', async () => {
      const served = await servedPGlite(SocketServer);
      return {
        candidate: await graphileCandidate('graphile-worker', served.url, concurrency, { noPreparedStatements: true }),
        dispose: () => served.close(),
      };
    }),
  );
  rows.push(
    await trial('pg-boss on PGlite (via pglite-socket)', async () => {
      const served = await servedPGlite(SocketServer);
      return {
        candidate: await pgBossCandidate('pg-boss', { url: served.url }, concurrency),
        dispose: () => served.close(),
      };
    }),
  );
}

process.stdout.write(
  `\n${jobs} no-op jobs, ${inFlight} enqueue calls in flight, ${concurrency} jobs processed at once\n\n`,
);
process.stdout.write(`| candidate | enqueue jobs/s | process jobs/s | overall jobs/s |\n|---|---:|---:|---:|\n`);
for (const row of rows) {
  const f = row.figures;
  process.stdout.write(
    f === undefined
      ? `| ${row.candidate} | ${row.note ?? ''} | | |\n`
      : `| ${row.candidate} | ${f.enqueuePerSecond} | ${f.processPerSecond} | ${f.overallPerSecond} |\n`,
  );
}

/** The work's result, or a rejection when it outlasts `ms` or something it started throws uncaught. */
function guarded<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  let crashed: ((error: unknown) => void) | undefined;
  const failure = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no result within ${ms / 1000} s`)), ms);
    crashed = (error) => reject(new Error(`crashed: ${error instanceof Error ? error.message : String(error)}`));
    process.on('uncaughtException', crashed);
  });
  return Promise.race([work, failure]).finally(() => {
    clearTimeout(timer);
    if (crashed !== undefined) process.off('uncaughtException', crashed);
  });
}

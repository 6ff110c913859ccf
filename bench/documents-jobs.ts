// Jobs/s through the job server (its HTTP API, pg-boss, its bookkeeping, operation records on
// Kafka) against pg-boss alone on the same PostgreSQL, in the same run, with the same work per job:
// one HTTP call to a PDF-server stand-in that answers at once. Optionally, whole reports end to end
// (the real PDF server rendering with pdfkit and the real storage server storing, fsyncs included).
//   npm run bench -- documents-jobs   (or: node bench/documents-jobs.ts [--jobs N] [--in-flight N]
//                                      [--concurrency N] [--rounds N] [--reports N])
import { parseArgs } from 'node:util';
import { createKafkaBus } from '@eventflow/bus/kafka';
import { anchorContender } from './documents/jobs-anchor.ts';
import { measureFlow, type FlowFigures, type JobsContender } from './documents/jobs-flow.ts';
import { oursContender } from './documents/jobs-ours.ts';
import { phaseReport } from './documents/jobs-report.ts';
import { defaultDatabaseUrl, freshDatabase, requirePostgres } from './documents/database.ts';
import { serve } from './documents/threads.ts';
import { int } from './lib/format.ts';
import { kafkaBrokers, requireKafka, TopicJanitor } from './lib/kafka.ts';
import { machineLine } from './lib/machine.ts';
import { say, survivePipeClose } from './lib/progress.ts';

const { values: args } = parseArgs({
  options: {
    jobs: { type: 'string', default: '3000' },
    'in-flight': { type: 'string', default: '8' },
    concurrency: { type: 'string', default: '8' },
    rounds: { type: 'string', default: '2' },
    reports: { type: 'string', default: '300' },
    'warm-up': { type: 'string', default: '300' },
  },
});
survivePipeClose();
const jobs = Number(args.jobs);
const inFlight = Number(args['in-flight']);
const concurrency = Number(args.concurrency);
const rounds = Number(args.rounds);
const reports = Number(args.reports);
const warmUp = Number(args['warm-up']);
const databaseUrl = process.env['DATABASE_URL'] ?? defaultDatabaseUrl;
const brokers = kafkaBrokers();

const postgresVersion = await requirePostgres(databaseUrl);
await requireKafka(brokers);
process.stdout.write(
  `${machineLine(true)}\n` +
    `PostgreSQL ${postgresVersion} at ${new URL(databaseUrl).host} (a fresh database per run); ` +
    `operation records to Kafka at ${brokers.join(',')}\n` +
    `${int(jobs)} jobs per run, ${inFlight} enqueue calls in flight, ${concurrency} jobs run at once; ` +
    `${rounds} run(s) per contender in ABBA order after a warm-up of ${int(warmUp)} jobs each\n\n`,
);

const janitor = new TopicJanitor(brokers);
const bus = await createKafkaBus({ brokers, clientId: 'bench-documents-jobs' });
const stub = await serve<string>(
  new URL('./documents/pdf-stand-in.ts', import.meta.url),
  { mode: 'stub' },
  'the PDF stub',
);
const logNotes: string[] = [];

type Make = (databaseUrl: string) => Promise<JobsContender & { logStats?(): string }>;
const makeOurs =
  (pdfUrl: string, label: string): Make =>
  (url) =>
    oursContender({ databaseUrl: url, pdfUrl, bus, track: (t) => janitor.track(t), concurrency, label });
const makeAnchor =
  (pdfUrl: string, label: string): Make =>
  (url) =>
    anchorContender({ databaseUrl: url, pdfUrl, concurrency, label });

/** One run on a database of its own, dropped afterwards. */
async function once(make: Make, count: number): Promise<FlowFigures> {
  const database = await freshDatabase(databaseUrl, 'bench_jobs');
  try {
    const contender = await make(database.url);
    try {
      return await measureFlow(contender, count, inFlight, 10 * 60_000);
    } finally {
      await contender.close();
      const stats = contender.logStats?.();
      if (stats !== undefined) logNotes.push(`${contender.label}: operation records ${stats}`);
    }
  } finally {
    await database.drop();
  }
}

/** `rounds` runs of each, in ABBA order. */
async function phase(ours: Make, anchor: Make, count: number) {
  const results = { ours: [] as FlowFigures[], anchor: [] as FlowFigures[] };
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? (['ours', 'anchor'] as const) : (['anchor', 'ours'] as const);
    for (const which of order) results[which].push(await once(which === 'ours' ? ours : anchor, count));
  }
  return results;
}

try {
  const oursLabel = 'job server (HTTP API)';
  const anchorLabel = 'pg-boss alone';
  say(`warm-up: ${int(warmUp)} jobs through each (not counted)`);
  await once(makeOurs(stub.value, 'warm-up: job server'), warmUp);
  await once(makeAnchor(stub.value, 'warm-up: pg-boss'), warmUp);
  logNotes.length = 0;
  say(`no-op-ish jobs: ${int(jobs)} per run, the work one HTTP call to a stub that answers at once`);
  const fast = await phase(makeOurs(stub.value, oursLabel), makeAnchor(stub.value, anchorLabel), jobs);
  process.stdout.write(
    phaseReport({
      title:
        `(a) jobs whose work is one HTTP call to a stub PDF server (answers 201 at once): enqueue → completed\n` +
        `    ours: POST /api/hangfire/jobs from a client thread; anchor: boss.send() in process`,
      ...fast,
      oursLabel,
      anchorLabel,
    }),
  );
  if (reports > 0) {
    await stub.close();
    say(
      `whole reports: ${int(reports)} per run, rendered by the real PDF server and stored by the real storage server`,
    );
    const backend = await serve<string>(
      new URL('./documents/pdf-stand-in.ts', import.meta.url),
      { mode: 'real' },
      'the PDF and storage servers',
    );
    try {
      const whole = await phase(
        makeOurs(backend.value, 'job server, reports'),
        makeAnchor(backend.value, 'pg-boss, reports'),
        reports,
      );
      process.stdout.write(
        phaseReport({
          title:
            `(b) whole reports end to end (reports/s): each job renders a default report (pdfkit) on the real PDF server,\n` +
            `    which uploads it to the real storage server (multipart, SHA-256, fsyncs, rename) in a temporary root`,
          ...whole,
          oursLabel: 'job server, reports',
          anchorLabel: 'pg-boss, reports',
        }),
      );
    } finally {
      await backend.close();
    }
  } else {
    await stub.close();
  }
  if (logNotes.length > 0) process.stdout.write(`${logNotes.join('\n')}\n`);
} finally {
  await bus.close();
  await janitor.deleteAll().catch((error: unknown) => say(`topic clean-up failed: ${String(error)}`));
}

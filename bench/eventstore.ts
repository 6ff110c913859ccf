// The event store against Emmett's PostgreSQL event store (@event-driven-io/emmett-postgresql) on the
// same PostgreSQL in the same run: appends/s of 1-event and 10-event appends on 16 concurrent
// streams, read latency of a 100- and a 1000-event stream, and the global order read in pages. Our
// store on PGlite (embedded) runs the same phases as an extra line; Emmett has no embedded equivalent.
//   npm run bench -- eventstore     (or: node bench/eventstore.ts [--seconds 10] [--rounds 2] [--streams 16] [--no-pglite])
// Every measured run is a child process of its own on a fresh database (or PGlite folder), dropped after.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { ContenderName } from './eventstore/contender.ts';
import type { ChildResult, ChildTask, PhaseName } from './eventstore/child.ts';
import { createThrowaway, serverVersion } from './eventstore/database.ts';
import { eventBytes } from './eventstore/payload.ts';
import { eventStoreReport, type MeasuredRun } from './eventstore/report.ts';
import { within } from './lib/deadline.ts';
import { machineLine } from './lib/machine.ts';
import { say, survivePipeClose } from './lib/progress.ts';

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    'warm-up': { type: 'string', default: '2' },
    rounds: { type: 'string', default: '2' },
    streams: { type: 'string', default: '16' },
    pool: { type: 'string', default: '16' },
    page: { type: 'string', default: '100' },
    'read-all-events': { type: 'string', default: '20000' },
    pglite: { type: 'boolean', default: true },
  },
  allowNegative: true,
});
survivePipeClose();
const connectionString = process.env['DATABASE_URL'] ?? 'postgres://eventflow:eventflow@127.0.0.1:5432/eventflow';
const seconds = Number(args.seconds);
const rounds = Number(args.rounds);
const base = {
  streams: Number(args.streams),
  poolSize: Number(args.pool),
  seconds,
  warmUpSeconds: Number(args['warm-up']),
  pageSize: Number(args.page),
  readAllEvents: Number(args['read-all-events']),
};
const withPGlite = args.pglite;

/** Runs one task in a child process; its stdout's last line is the result. */
function runChild(task: ChildTask): Promise<ChildResult> {
  const child = spawn(process.execPath, [join(import.meta.dirname, 'eventstore', 'child.ts'), JSON.stringify(task)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  const exited = new Promise<ChildResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => {
      const last = out.trim().split('\n').at(-1) ?? '';
      if (code === 0 && last !== '') resolve(JSON.parse(last) as ChildResult);
      else reject(new Error(`${task.contender} ${task.phase} exited with code ${String(code)}`));
    });
  });
  const budget = (task.seconds + task.warmUpSeconds) * 1000 + 360_000;
  return within(exited, budget, `${task.contender} ${task.phase}`).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });
}

/** One contender, one phase, on a database (or folder) of its own that is removed afterwards. */
async function measure(contender: ContenderName, phase: PhaseName): Promise<ChildResult> {
  if (contender === 'pglite') {
    const dataDir = await mkdtemp(join(tmpdir(), 'eventflow-bench-eventstore-'));
    try {
      return await runChild({ ...base, contender, phase, connectionString: '', dataDir });
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }
  const database = await createThrowaway(connectionString);
  try {
    return await runChild({ ...base, contender, phase, connectionString: database.connectionString, dataDir: '' });
  } finally {
    await database.drop();
  }
}

/** Round 1 ours, Emmett(, PGlite); round 2 the reverse; and so on (ABBA), so drift falls on both. */
function order(round: number): ContenderName[] {
  const forward: ContenderName[] = withPGlite ? ['ours', 'emmett', 'pglite'] : ['ours', 'emmett'];
  return round % 2 === 1 ? forward : forward.toReversed();
}

const version = await serverVersion(connectionString);
const target = new URL(connectionString);
process.stdout.write(
  `${machineLine(false)}\n` +
    `PostgreSQL ${version} at ${target.host} (a throwaway database per run, dropped after); ` +
    `${base.streams} streams, pool of ${base.poolSize} connections for both stores, ${eventBytes}-byte JSON events\n\n`,
);
const runs: MeasuredRun[] = [];
for (const phase of ['append-1', 'append-10', 'read'] as const) {
  for (let round = 1; round <= rounds; round += 1) {
    for (const contender of order(round)) {
      say(`${phase}, round ${round}: ${contender}`);
      runs.push({ contender, round, result: await measure(contender, phase) });
    }
  }
}
process.stdout.write(eventStoreReport(runs, base));
process.stdout.write(
  `load average ${loadavg()
    .map((value) => value.toFixed(2))
    .join(' ')} at the end\n`,
);

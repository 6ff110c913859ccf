// Completed 4-step sagas per second and their p50/p99 latency (start → COMPLETED seen by the caller),
// on PostgreSQL and on PGlite, next to an anchor in the same run: the same 4 steps driven by a minimal
// hand-written durable loop (insert a state row, then one UPDATE per step in its own transaction). The
// ratio is the cost of the saga machinery: the log rows, the lease, the claim, the wake-ups.
//   node bench/saga.ts [--sagas 2000] [--concurrency 16] [--rounds 2] [--target both|postgres|pglite]
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { SqlDatabase } from '@eventflow/eventstore';
import { openPGliteDatabase } from '@eventflow/sql/pglite';
import { openPostgresDatabase } from '@eventflow/sql/postgres';
import { connectionSettings } from '@eventflow/infra-local';
import { machineLine } from './lib/machine.ts';
import { say, survivePipeClose } from './lib/progress.ts';
import { closedLoop, type LoopResult } from './saga/closed-loop.ts';
import { handLoopContender, sagaEngineContender, type Contender } from './saga/contenders.ts';
import { sagaReport, type TargetRuns } from './saga/report.ts';

const { values: args } = parseArgs({
  options: {
    sagas: { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '16' },
    rounds: { type: 'string', default: '2' },
    target: { type: 'string', default: 'both' },
  },
});
survivePipeClose();
const sagas = Number(args.sagas);
const concurrency = Number(args.concurrency);
const rounds = Number(args.rounds);
const targets = args.target === 'both' ? ['postgres', 'pglite'] : [args.target];

async function openTarget(kind: string): Promise<{ db: SqlDatabase; label: string; cleanup: () => Promise<void> }> {
  if (kind === 'postgres') {
    const url = connectionSettings().databaseUrl;
    const db = openPostgresDatabase({ connectionString: url, maxConnections: concurrency + 4 });
    return { db, label: 'PostgreSQL', cleanup: () => db.close() };
  }
  const dir = await mkdtemp(join(tmpdir(), 'eventflow-bench-saga-'));
  const db = await openPGliteDatabase({ dataDir: join(dir, 'pgdata') });
  return {
    db,
    label: `PGlite (data dir ${dir})`,
    cleanup: async () => {
      await db.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function measure(contender: Contender, what: string): Promise<LoopResult> {
  await closedLoop(contender, Math.max(50, Math.round(sagas / 10)), concurrency, `${what} warm-up`);
  return closedLoop(contender, sagas, concurrency, what);
}

process.stdout.write(
  `${machineLine(false)}\n4-step sagas whose steps do no work; ${sagas} per round, ${concurrency} concurrent clients, ` +
    `${rounds} round(s) each in ABBA order, warm-up not counted\n\n`,
);
const results: TargetRuns[] = [];
for (const kind of targets) {
  const { db, label, cleanup } = await openTarget(kind);
  const schema = `bench_saga_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const contenders: Contender[] = [];
  try {
    const anchor = await handLoopContender(db, schema);
    const ours = await sagaEngineContender(db, schema, concurrency);
    contenders.push(ours, anchor);
    const runs = { target: label, ours: [] as LoopResult[], anchor: [] as LoopResult[] };
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? [anchor, ours] : [ours, anchor];
      for (const contender of order) {
        say(`${label}, round ${round + 1}: ${contender.label}`);
        const result = await measure(contender, `${kind} round ${round + 1}`);
        (contender === ours ? runs.ours : runs.anchor).push(result);
      }
    }
    results.push(runs);
  } finally {
    for (const contender of contenders) await contender.close();
    await db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
    await cleanup();
  }
}
process.stdout.write(sagaReport(results, concurrency));

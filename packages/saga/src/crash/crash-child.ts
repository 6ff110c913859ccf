// A real process running the saga engine, for crash.test.ts / crash.int.test.ts:
//   MODE=first  starts saga SAGA_ID, runs step one, and hangs inside step two after its effect (to be SIGKILLed);
//   MODE=second resumes whatever is due, waits for SAGA_ID to end and prints a JSON report.
// TARGET=postgres (DATABASE_URL, SCHEMA) or pglite (DATA_DIR, SCHEMA); WORKER, LEASE_MS.
import type { SqlDatabase } from '@eventflow/eventstore';
import { openPGliteDatabase } from '@eventflow/sql/pglite';
import { openPostgresDatabase } from '@eventflow/sql/postgres';
import { defineSaga } from '../definition/saga.ts';
import { defineStep } from '../definition/step.ts';
import { openSagaEngine } from '../engine/engine.ts';

const env = process.env;
const schema = env['SCHEMA'] ?? '';
const mode = env['MODE'];
const sagaId = env['SAGA_ID'] ?? '';
const db: SqlDatabase =
  env['TARGET'] === 'pglite'
    ? await openPGliteDatabase({ dataDir: env['DATA_DIR'] ?? '' })
    : openPostgresDatabase({ connectionString: env['DATABASE_URL'] ?? '', maxConnections: 4 });
const s = `"${schema}"`;
await db.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
await db.query(`CREATE TABLE IF NOT EXISTS ${s}.effects (key text PRIMARY KEY, step text NOT NULL)`);
await db.query(`CREATE TABLE IF NOT EXISTS ${s}.runs (id serial PRIMARY KEY, step text, attempt integer, worker text)`);

const step = (name: string) =>
  defineStep({
    name,
    policy: { retry: { maxAttempts: 3, initialDelayMs: 10, maxDelayMs: 10 }, timeoutMs: 60_000 },
    async action({ idempotencyKey, attempt }) {
      await db.query(`INSERT INTO ${s}.runs (step, attempt, worker) VALUES ($1, $2, $3)`, [
        name,
        attempt,
        env['WORKER'],
      ]);
      // The effect, applied once per idempotency key however often the step runs.
      await db.query(`INSERT INTO ${s}.effects (key, step) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING`, [
        idempotencyKey,
        name,
      ]);
      if (mode === 'first' && name === 'two') {
        process.stdout.write('inside step two\n');
        await new Promise(() => undefined);
      }
      return name;
    },
  });
const saga = defineSaga({ name: 'crashy', steps: [step('one'), step('two'), step('three')] });
const engine = await openSagaEngine({
  executor: db,
  schema,
  sagas: [saga],
  worker: env['WORKER'] ?? 'child',
  leaseMs: Number(env['LEASE_MS'] ?? 1000),
  pollIntervalMs: 50,
});
engine.startWorker();
if (mode === 'first') {
  await engine.start('crashy', {}, { id: sagaId });
} else {
  const instance = await engine.waitFor(sagaId, { timeoutMs: 60_000 });
  const report = {
    status: instance.status,
    effects: await db.query(`SELECT key, step FROM ${s}.effects ORDER BY key`),
    runs: await db.query(`SELECT step, attempt, worker FROM ${s}.runs ORDER BY id`),
    log: (await engine.log.query({ sagaId })).map((e) => [e.step, e.state, e.attempt, e.worker, e.detail]),
  };
  await engine.close();
  await db.close();
  process.stdout.write(`REPORT ${JSON.stringify(report)}\n`);
}

// A database outage is a degraded state, never a crash: the server ends this adapter's connections
// (pg_terminate_backend on its application_name, as a PostgreSQL restart would) while a transaction
// holds one or a listener waits on one, and the process must stay up and serve again.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { test, type TestContext } from 'node:test';
import pg from 'pg';
import type { SqlDatabase } from '../executor.ts';
import { openPostgresDatabase } from './pg-executor.ts';

const url = process.env['DATABASE_URL'] ?? 'postgres://eventflow:eventflow@127.0.0.1:5432/eventflow';

/** Awaits `check` answering true, polling, up to a deadline. */
async function until(check: () => Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

interface Outage {
  readonly db: SqlDatabase;
  readonly application: string;
  /** Ends every backend of the database's connections, and waits until they are gone. */
  readonly terminate: () => Promise<number>;
  readonly backends: () => Promise<number>;
}

async function openOutage(t: TestContext): Promise<Outage> {
  const application = `sql-outage-${randomUUID().slice(0, 8)}`;
  const db = openPostgresDatabase({ connectionString: url, maxConnections: 3, applicationName: application });
  const admin = new pg.Client({ connectionString: url, application_name: `${application}-admin` });
  await admin.connect();
  t.after(async () => {
    await admin.end();
    await db.close();
  });
  const backends = async () => {
    const { rows } = await admin.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1',
      [application],
    );
    return rows[0]?.n ?? 0;
  };
  return {
    db,
    application,
    backends,
    terminate: async () => {
      const { rows } = await admin.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM (
           SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1
         ) AS ended`,
        [application],
      );
      await until(async () => (await backends()) === 0, 'the backends to end');
      return rows[0]?.n ?? 0;
    },
  };
}

test('a connection ended under an open transaction fails that transaction, not the process; the next one runs', async (t) => {
  const { db, terminate } = await openOutage(t);
  await db.query('CREATE TEMP TABLE IF NOT EXISTS warm (x int)'); // a pooled connection exists
  const failed = db.transaction(async (tx) => {
    await tx.query('SELECT 1');
    assert.ok((await terminate()) >= 1, 'the transaction’s backend was ended');
    // The client has seen its socket close by now (the server's FATAL, then the end): with no
    // listener on a checked-out client that 'error' event is an uncaught exception.
    await tx.query('SELECT 2');
  });
  await assert.rejects(failed, 'the transaction fails');
  // Recovered: the pool dropped the dead client and opens new ones.
  assert.deepEqual(await db.query('SELECT 3 AS n'), [{ n: 3 }]);
  assert.equal(await db.transaction(async (tx) => (await tx.query<{ n: number }>('SELECT 4 AS n'))[0]?.n), 4);
});

test('a connection ended mid-statement in a transaction fails it, and the pool serves the next one', async (t) => {
  const { db, terminate, application } = await openOutage(t);
  const lockKey = Math.floor(Math.random() * 1_000_000_000);
  const holder = new pg.Client({ connectionString: url, application_name: `${application}-holder` });
  await holder.connect();
  t.after(() => holder.end());
  await holder.query('SELECT pg_advisory_lock($1)', [lockKey]);
  // Blocked on the lock inside its transaction until its backend is ended.
  const blocked = db.transaction((tx) => tx.query('SELECT pg_advisory_xact_lock($1)', [lockKey]));
  const settled = blocked.then(
    () => 'committed',
    (error: unknown) => error,
  );
  await until(async () => {
    const { rows } = await holder.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock'`,
      [application],
    );
    return (rows[0]?.n ?? 0) === 1;
  }, 'the transaction to wait on the lock');
  await terminate();
  const outcome = await settled;
  assert.ok(outcome instanceof Error, `the transaction failed (${String(outcome)})`);
  await holder.query('SELECT pg_advisory_unlock($1)', [lockKey]);
  assert.deepEqual(await db.query('SELECT 5 AS n'), [{ n: 5 }]);
});

test('a listener whose connection is ended is told (lost), the process stays up, and listening again works', async (t) => {
  const { db, terminate } = await openOutage(t);
  let lost: unknown;
  let notified = 0;
  const channel = `outage_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const stop = await db.listen!(channel, { notify: () => (notified += 1), lost: (error) => (lost = error) });
  await terminate();
  await until(() => Promise.resolve(lost !== undefined), 'the listener told its connection is lost');
  await stop(); // a no-op on a lost listener
  const again = await db.listen!(channel, { notify: () => (notified += 1) });
  await db.query(`NOTIFY ${channel}`);
  await until(() => Promise.resolve(notified === 1), 'a notification on the new listener');
  await again();
});

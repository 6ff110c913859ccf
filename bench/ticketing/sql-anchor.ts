// The SQL anchor of the reservations benchmark: what the database alone needs so that no seat is
// sold twice — one conditional decrement per reservation, each its own transaction, on the same kind
// of database as the platform's (PGlite with a data folder for the embedded platform, the local
// PostgreSQL for the distributed one), from the same number of concurrent clients:
//   UPDATE asientos SET disponibles = disponibles - 1 WHERE evento_id = $1 AND disponibles >= 1 RETURNING disponibles
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { statementName, type SqlDatabase } from '@eventflow/sql';
import { openPGliteDatabase } from '@eventflow/sql/pglite';
import { openPostgresDatabase } from '@eventflow/sql/postgres';
import { connectionSettings } from '@eventflow/infra-local';

export interface SqlAnchorResult {
  readonly latencies: number[];
  readonly elapsedMs: number;
  /** Decrements that found a seat. */
  readonly sold: number;
  /** Seats left below zero at the end (must be 0). */
  readonly oversold: number;
  readonly label: string;
}

/** The most connections the PostgreSQL anchor opens (the platform's services hold theirs too). */
export const maxAnchorConnections = 16;

export async function sqlAnchor(
  kind: 'pglite' | 'postgres',
  count: number,
  concurrency: number,
): Promise<SqlAnchorResult> {
  let dir: string | undefined;
  let db: SqlDatabase;
  let label: string;
  if (kind === 'pglite') {
    dir = await mkdtemp(join(tmpdir(), 'eventflow-bench-seats-'));
    db = await openPGliteDatabase({ dataDir: join(dir, 'pgdata') });
    label = 'PGlite (data folder), one in-process backend';
  } else {
    const connections = Math.min(concurrency, maxAnchorConnections);
    db = openPostgresDatabase({ connectionString: connectionSettings().databaseUrl, maxConnections: connections });
    label = `PostgreSQL, ${connections} connections`;
  }
  const schema = `bench_seats_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const table = `${schema}.asientos`;
  try {
    await db.query(`CREATE SCHEMA ${schema}`);
    await db.query(
      `CREATE TABLE ${table} (evento_id text PRIMARY KEY, aforo integer NOT NULL, disponibles integer NOT NULL)`,
    );
    const evento = randomUUID();
    await db.query(`INSERT INTO ${table} VALUES ($1, $2, $2)`, [evento, count]);
    const decrement = `UPDATE ${table} SET disponibles = disponibles - 1 WHERE evento_id = $1 AND disponibles >= 1 RETURNING disponibles`;
    const name = statementName('bench_seats', decrement);
    const latencies: number[] = [];
    let sold = 0;
    let next = 0;
    const began = performance.now();
    await Promise.all(
      Array.from({ length: Math.min(concurrency, count) }, async () => {
        while (next < count) {
          next++;
          const sent = performance.now();
          const rows = await db.query(decrement, [evento], { name });
          latencies.push(performance.now() - sent);
          if (rows.length === 1) sold++;
        }
      }),
    );
    const elapsedMs = performance.now() - began;
    const [left] = await db.query<{ disponibles: number }>(`SELECT disponibles FROM ${table}`);
    return { latencies, elapsedMs, sold, oversold: Math.max(0, -(left?.disponibles ?? 0)), label };
  } finally {
    await db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
    await db.close();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  }
}

// A PostgreSQL database made for one example run and dropped after it (DATABASE_URL names the server).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { SqlDatabase } from '@eventflow/eventstore';
import { openPostgresDatabase } from '@eventflow/sql/postgres';

export async function withThrowawayDatabase<T>(prefix: string, work: (db: SqlDatabase) => Promise<T>): Promise<T> {
  const admin = process.env['DATABASE_URL'] ?? 'postgres://eventflow:eventflow@127.0.0.1:5432/eventflow';
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  try {
    const url = new URL(admin);
    url.pathname = `/${name}`;
    const db = openPostgresDatabase({ connectionString: url.toString() });
    try {
      return await work(db);
    } finally {
      await db.close();
    }
  } finally {
    await client.query(`DROP DATABASE ${name} WITH (FORCE)`);
    await client.end();
  }
}

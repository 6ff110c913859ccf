// A database of its own for each measured run, and what pg-boss's job table says about its jobs.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const defaultDatabaseUrl = 'postgres://eventflow:eventflow@127.0.0.1:5432/eventflow';

export interface BenchDatabase {
  readonly url: string;
  readonly name: string;
  drop(): Promise<void>;
}

async function admin<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A new, empty database on the server of `adminUrl`; `drop()` removes it (connections and all). */
export async function freshDatabase(adminUrl: string, prefix: string): Promise<BenchDatabase> {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  await admin(adminUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: () =>
      admin(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}

/** Fails with what to do when PostgreSQL does not answer. */
export async function requirePostgres(url: string): Promise<string> {
  try {
    return await admin(url, async (client) => {
      const { rows } = await client.query<{ server_version: string }>('SHOW server_version');
      return rows[0]?.server_version ?? 'unknown';
    });
  } catch (error) {
    throw new Error(
      `PostgreSQL at ${new URL(url).host} does not answer (${error instanceof Error ? error.message : String(error)}); ` +
        'start it: npm run infra:up (or set DATABASE_URL)',
    );
  }
}

export interface QueueCounts {
  readonly completed: number;
  /** Jobs whose attempt failed (retrying or failed): a benchmark stops on the first. */
  readonly failed: number;
  readonly error?: string;
}

export interface JobTimes {
  readonly id: string;
  /** Epoch ms, by PostgreSQL's clock (the same machine's clock as the client's). */
  readonly created: number;
  readonly completed: number;
}

/** Reads pg-boss's job table of one queue in one schema. */
export class JobTable {
  readonly #pool: pg.Pool;
  readonly #table: string;
  readonly #queue: string;

  constructor(url: string, schema: string, queue: string) {
    this.#pool = new pg.Pool({ connectionString: url, max: 1, application_name: 'bench-observer' });
    this.#table = `${schema}.job`;
    this.#queue = queue;
  }

  async counts(): Promise<QueueCounts> {
    const { rows } = await this.#pool.query<{ completed: number; failed: number; error: string | null }>(
      `SELECT count(*) FILTER (WHERE state = 'completed')::int AS completed,
              count(*) FILTER (WHERE state IN ('retry', 'failed'))::int AS failed,
              max(output::text) FILTER (WHERE state IN ('retry', 'failed')) AS error
         FROM ${this.#table} WHERE name = $1`,
      [this.#queue],
    );
    const row = rows[0];
    return {
      completed: row?.completed ?? 0,
      failed: row?.failed ?? 0,
      ...(row?.error == null ? {} : { error: row.error }),
    };
  }

  async times(): Promise<JobTimes[]> {
    const { rows } = await this.#pool.query<JobTimes>(
      `SELECT id::text AS id,
              (extract(epoch FROM created_on) * 1000)::float8 AS created,
              (extract(epoch FROM completed_on) * 1000)::float8 AS completed
         FROM ${this.#table} WHERE name = $1 AND state = 'completed'`,
      [this.#queue],
    );
    return rows;
  }

  close(): Promise<void> {
    return this.#pool.end();
  }
}

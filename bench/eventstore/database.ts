// A throwaway database per measured run, so every contender starts from empty tables of its own.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface Throwaway {
  readonly name: string;
  readonly connectionString: string;
  drop(): Promise<void>;
}

async function withClient<T>(connectionString: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The server's version, and a check that it answers at all. */
export function serverVersion(connectionString: string): Promise<string> {
  return withClient(connectionString, async (client) => {
    const { rows } = await client.query<{ server_version: string }>('SHOW server_version');
    return rows[0]?.server_version ?? 'unknown';
  });
}

/** `CREATE DATABASE bench_eventstore_<random>` (the role needs CREATEDB); `drop()` removes it, connections and all. */
export async function createThrowaway(connectionString: string): Promise<Throwaway> {
  const name = `bench_eventstore_${randomBytes(4).toString('hex')}`;
  await withClient(connectionString, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(connectionString);
  url.pathname = `/${name}`;
  return {
    name,
    connectionString: url.toString(),
    drop: async () => {
      await withClient(connectionString, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

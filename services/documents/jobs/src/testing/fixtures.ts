import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { JobDatabaseOption } from '../db/open.ts';

/** Where one test keeps its jobs: a database option and a schema nobody else uses. */
export interface DatabaseFixture {
  readonly engine: 'postgres' | 'pglite';
  readonly db: JobDatabaseOption;
  readonly schema: string;
}

/** Runs cleanups newest first when the test ends (services before the database they use). */
export class Cleanup {
  readonly #steps: Array<() => Promise<void>> = [];

  constructor(t: TestContext) {
    t.after(async () => {
      for (const step of this.#steps.splice(0).reverse()) await step();
    });
  }

  add(step: () => Promise<void>): void {
    this.#steps.push(step);
  }
}

export type FixtureFactory = (cleanup: Cleanup) => Promise<DatabaseFixture>;

function uniqueSchema(): string {
  return `t_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
}

/** A schema of its own on the real PostgreSQL of `url`, dropped (with pg-boss's) afterwards. */
export function postgresFixture(url: string): FixtureFactory {
  return (cleanup) => {
    const schema = uniqueSchema();
    cleanup.add(async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; DROP SCHEMA IF EXISTS ${schema}_server CASCADE`);
      await client.end();
    });
    return Promise.resolve({ engine: 'postgres', db: url, schema });
  };
}

/** The embedded engine in a temporary folder of its own, removed afterwards. */
export const pgliteFixture: FixtureFactory = async (cleanup) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'jobs-pglite-'));
  cleanup.add(() => rm(dataDir, { recursive: true, force: true }));
  return { engine: 'pglite', db: { dataDir: join(dataDir, 'data', 'jobs') }, schema: 'hangfire' };
};

/**
 * One in-memory embedded engine for a whole test file (it takes seconds to start), each test in a
 * schema of its own. `close()` (in the file's `after`) stops it.
 */
export function sharedPgliteFixture(): FixtureFactory & { close(): Promise<void> } {
  let engine: Promise<PGlite> | undefined;
  const factory = async (_cleanup: Cleanup): Promise<DatabaseFixture> => {
    engine ??= PGlite.create();
    return { engine: 'pglite', db: { pglite: await engine }, schema: uniqueSchema() };
  };
  return Object.assign(factory, {
    async close() {
      if (engine !== undefined) await (await engine).close();
    },
  });
}

/** Runs one statement on the fixture's database, beside the job server (to set up what the API cannot). */
export async function runOnFixture(fixture: DatabaseFixture, statement: string, params: unknown[] = []): Promise<void> {
  const { db } = fixture;
  if (typeof db === 'string') {
    const client = new pg.Client({ connectionString: db });
    await client.connect();
    try {
      await client.query(statement, params);
    } finally {
      await client.end();
    }
  } else if ('pglite' in db) {
    await db.pglite.query(statement, params);
  } else {
    throw new Error(`runOnFixture: the ${fixture.engine} fixture's database is not reachable beside the server`);
  }
}

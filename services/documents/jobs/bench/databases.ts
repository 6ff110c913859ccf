// Where a candidate runs: a fresh database on the real PostgreSQL, or a PGlite in this process
// (directly, or served over the wire protocol by @electric-sql/pglite-socket).
import { randomUUID } from 'node:crypto';
import { freePort } from '@eventflow/service';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

export interface RealDatabase {
  readonly url: string;
  drop(): Promise<void>;
}

/** A new database on the server of `adminUrl`, dropped afterwards. */
export async function freshDatabase(adminUrl: string, prefix: string): Promise<RealDatabase> {
  const name = `${prefix}_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}

interface SocketServer {
  start(): Promise<void>;
  stop(): Promise<void>;
}
type SocketServerClass = new (options: {
  db: PGlite;
  port: number;
  host: string;
  maxConnections: number;
}) => SocketServer;

/**
 * @electric-sql/pglite-socket is not a dependency: it pins @electric-sql/pglite to one exact version
 * (0.2.17 wants 0.5.14; the platform has 0.5.16). Point PGLITE_SOCKET_MODULE at its dist/index.js
 * (installed elsewhere) to measure the candidates through it.
 */
export async function loadSocketServer(modulePath: string | undefined): Promise<SocketServerClass | undefined> {
  if (modulePath === undefined || modulePath === '') return undefined;
  const loaded = (await import(modulePath)) as { PGLiteSocketServer: SocketServerClass };
  return loaded.PGLiteSocketServer;
}

export interface ServedPGlite {
  readonly db: PGlite;
  readonly url: string;
  close(): Promise<void>;
}

/** A PGlite served over TCP on a free loopback port, for clients that need a `pg` connection string. */
export async function servedPGlite(Server: SocketServerClass): Promise<ServedPGlite> {
  const db = await PGlite.create();
  const port = await freePort();
  const server = new Server({ db, port, host: '127.0.0.1', maxConnections: 100 });
  await server.start();
  return {
    db,
    url: `postgres://postgres@127.0.0.1:${port}/postgres?sslmode=disable`,
    async close() {
      await server.stop();
      await db.close();
    },
  };
}

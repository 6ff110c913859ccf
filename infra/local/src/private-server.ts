import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { infraPaths } from './paths.ts';
import { isAlive, readPid } from './process.ts';
import { pidFileOf, type LocalServer, type ServerContext } from './server.ts';
import { kafka } from './servers/kafka.ts';
import { postgres, postgresDataDir } from './servers/postgres.ts';
import { localDefaults, type ServerName } from './settings.ts';
import { waitFor } from './wait.ts';

/** The servers a test may start for itself, to stop and restart them under load. */
export type PrivateServerName = Extract<ServerName, 'kafka' | 'postgres'>;

export interface PrivateServerOptions {
  /** Where it listens, on 127.0.0.1 (Kafka's KRaft controller takes `port + 1` too). */
  readonly port: number;
  /** Its own folder for data, pid file and logs; default a new temporary folder. Removed by `remove()`. */
  readonly dataDir?: string;
  readonly log?: (message: string) => void;
}

/** A server of one's own, started by infra/local's own code on a port and folder of its own. */
export interface PrivateServer {
  readonly name: PrivateServerName;
  /** `127.0.0.1:<port>` for Kafka (KAFKA_BROKERS); the URL of database `eventflow` for PostgreSQL (DATABASE_URL). */
  readonly address: string;
  readonly dataDir: string;
  /** The server's process id while it runs. */
  pid(): number | undefined;
  /** Starts it (again) on the same data; resolves once it answers. */
  start(): Promise<void>;
  /** Stops it as an operator would: Kafka's controlled shutdown (SIGTERM), PostgreSQL's fast shutdown (SIGINT). */
  stop(): Promise<void>;
  /** Kills its whole process group with SIGKILL (a crash: no shutdown, no flush); resolves once it is gone. */
  kill(): Promise<void>;
  /** Stops it (or kills it if it will not stop) and deletes its data. Safe to call more than once. */
  remove(): Promise<void>;
}

const byName: Readonly<Record<PrivateServerName, LocalServer>> = { kafka, postgres };

/**
 * Starts a private Kafka or PostgreSQL: the same installation and start-up as `npm run infra:up`
 * (installed once, cached), but on the given port and in a folder of its own, so a test can stop it
 * without touching the servers others use. Give it free ports (Kafka: two in a row).
 */
export async function startPrivateServer(
  name: PrivateServerName,
  options: PrivateServerOptions,
): Promise<PrivateServer> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), `eventflow-private-${name}-`)));
  const context = privateContext(name, options.port, dataDir, options.log);
  const server = byName[name];
  const pid = () => {
    const found = readPid(pidFileOf(context, name));
    return found !== undefined && isAlive(found) ? found : undefined;
  };
  let removed = false;
  const handle: PrivateServer = {
    name,
    address: name === 'kafka' ? (context.settings.kafkaBrokers[0] ?? '') : context.settings.databaseUrl,
    dataDir,
    pid,
    start: () => server.start(context),
    stop: () => server.stop(context),
    kill: async () => killGroup(pid()),
    async remove() {
      if (removed) return;
      removed = true;
      await server.stop(context).catch(() => killGroup(pid()));
      const outside = name === 'postgres' ? outsideData(context, dataDir) : undefined;
      for (const dir of [dataDir, ...(outside === undefined ? [] : [outside])]) {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
  try {
    await server.install(context);
    await handle.start();
    return handle;
  } catch (error) {
    await handle.remove().catch(() => undefined);
    throw error;
  }
}

function privateContext(
  name: PrivateServerName,
  port: number,
  dataDir: string,
  log: ((message: string) => void) | undefined,
): ServerContext {
  const address = `127.0.0.1:${port}`;
  return {
    paths: { ...infraPaths(), data: dataDir },
    settings: {
      ...localDefaults,
      kafkaBrokers: [address],
      databaseUrl: `postgres://eventflow:eventflow@${address}/eventflow`,
    },
    log: log ?? ((message) => process.stderr.write(`[private ${name}] ${message}\n`)),
  };
}

/**
 * PostgreSQL's data lives under /var/lib/eventflow/<id> when the folder is one the postgres user
 * cannot traverse (a private temporary folder, as root): that folder, to remove with the rest.
 */
function outsideData(context: ServerContext, dataDir: string): string | undefined {
  const data = postgresDataDir(context);
  if (!relative(dataDir, data).startsWith('..')) return undefined;
  const root = join(data, '..', '..');
  return root.startsWith('/var/lib/eventflow/') ? root : undefined;
}

/** SIGKILL to the server's process group (PostgreSQL's backends with it), then await its end. */
async function killGroup(pid: number | undefined): Promise<void> {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    return; // already gone
  }
  await waitFor(() => Promise.resolve(!groupAlive(pid)), { what: `process group ${pid} to die`, timeoutMs: 15_000 });
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

import { createHash } from 'node:crypto';
import { chownSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { ensureDebianPackages } from '../debian.ts';
import { probePostgres } from '../probes.ts';
import { isAlive, readPid, removeFile, run, startDaemon, stopProcess, tail } from '../process.ts';
import { hostPort, logFileOf, pidFileOf, serverDir, type LocalServer, type ServerContext } from '../server.ts';
import { waitFor } from '../wait.ts';

const superuser = 'eventflow';
const password = 'eventflow';
/** Databases the platform expects: its own, and the one FerretDB keeps its collections in. */
export const databases = ['eventflow', 'ferretdb'] as const;

export const postgres: LocalServer = {
  name: 'postgres',
  title: 'PostgreSQL (Debian package)',
  needs: [],
  probe: (context) => probePostgres(context.settings.databaseUrl),

  async install(context) {
    await ensureDebianPackages(['postgresql'], context.log);
  },

  async start(context) {
    const bin = postgresBinDir();
    const dataDir = postgresDataDir(context);
    if (!existsSync(join(dataDir, 'PG_VERSION'))) {
      context.log(`postgres: initdb ${dataDir}`);
      prepareDataDir(dataDir);
      const pwfile = join(dirname(dataDir), 'pwfile');
      writeFileSync(pwfile, `${password}\n`, { mode: 0o644 });
      try {
        await run(
          ...asPostgresUser(join(bin, 'initdb'), [
            '-D',
            dataDir,
            '-U',
            superuser,
            `--pwfile=${pwfile}`,
            '--auth-local=trust',
            '--auth-host=scram-sha-256',
            '-E',
            'UTF8',
            '--no-locale',
          ]),
        );
      } finally {
        removeFile(pwfile);
      }
    }
    const { port } = hostPort(context.settings.databaseUrl, 5432);
    const pid = startDaemon(
      ...asPostgresUser(join(bin, 'postgres'), [
        '-D',
        dataDir,
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        `port=${port}`,
        '-c',
        'unix_socket_directories=',
        '-c',
        'max_connections=300',
        '-c',
        'shared_buffers=256MB',
      ]),
      { logFile: logFileOf(context, 'postgres'), pidFile: pidFileOf(context, 'postgres') },
    );
    await waitFor(() => reachable(adminUrl(context)), {
      what: 'PostgreSQL',
      timeoutMs: 60_000,
      abandonIf: () => (isAlive(pid) ? undefined : `exited; its log says:\n${tail(logFileOf(context, 'postgres'))}`),
    });
    await createDatabases(context);
  },

  async stop(context) {
    const pidFile = pidFileOf(context, 'postgres');
    const pid = readPid(pidFile);
    if (pid === undefined) return;
    // SIGINT is PostgreSQL's "fast" shutdown: roll back open transactions, checkpoint, exit.
    await stopProcess(pid, 'PostgreSQL', { signal: 'SIGINT' });
    removeFile(pidFile);
  },
};

/** The newest PostgreSQL Debian installed: /usr/lib/postgresql/<major>/bin. */
function postgresBinDir(): string {
  const base = '/usr/lib/postgresql';
  const majors = existsSync(base)
    ? readdirSync(base)
        .filter((major) => existsSync(join(base, major, 'bin', 'postgres')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const newest = majors[0];
  if (newest === undefined) throw new Error(`PostgreSQL server binaries not found under ${base}`);
  return join(base, newest, 'bin');
}

/** PostgreSQL refuses to run as root: as root, we run it as Debian's `postgres` user. */
function asPostgresUser(command: string, args: readonly string[]): [string, string[]] {
  if (process.getuid?.() !== 0) return [command, [...args]];
  return ['setpriv', ['--reuid=postgres', '--regid=postgres', '--init-groups', '--', command, ...args]];
}

/**
 * The data folder: <data>/postgres/data, unless we are root and the clone sits in a folder the
 * postgres user cannot traverse (a private temporary folder, say); then under /var/lib/eventflow.
 */
export function postgresDataDir(context: ServerContext): string {
  const preferred = join(serverDir(context, 'postgres'), 'data');
  if (process.getuid?.() !== 0 || othersCanTraverse(context.paths.data)) return preferred;
  const id = createHash('sha256').update(context.paths.data).digest('hex').slice(0, 12);
  return join('/var/lib/eventflow', id, 'postgres', 'data');
}

function othersCanTraverse(dir: string): boolean {
  for (let current = dir; ; current = dirname(current)) {
    if (existsSync(current) && (statSync(current).mode & 0o001) === 0) return false;
    if (dirname(current) === current) return true;
  }
}

function prepareDataDir(dataDir: string): void {
  mkdirSync(dirname(dataDir), { recursive: true });
  mkdirSync(dataDir, { mode: 0o700 });
  if (process.getuid?.() !== 0) return;
  const { uid, gid } = postgresUserIds();
  chownSync(dirname(dataDir), uid, gid);
  chownSync(dataDir, uid, gid);
}

function postgresUserIds(): { uid: number; gid: number } {
  const entry = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((line) => line.startsWith('postgres:'));
  const [, , uid, gid] = entry?.split(':') ?? [];
  if (uid === undefined || gid === undefined) {
    throw new Error('the postgres system user is missing (is the postgresql package installed?)');
  }
  return { uid: Number(uid), gid: Number(gid) };
}

/** The maintenance database, which exists before ours is created. */
function adminUrl(context: ServerContext): string {
  const url = new URL(context.settings.databaseUrl);
  url.pathname = '/postgres';
  return url.toString();
}

async function reachable(url: string): Promise<boolean> {
  return (await probePostgres(url)).ok;
}

async function createDatabases(context: ServerContext): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl(context) });
  await client.connect();
  try {
    for (const name of databases) {
      const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (found.rowCount === 0) await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
    }
  } finally {
    await client.end();
  }
}

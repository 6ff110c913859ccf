import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { probeMongo } from '../probes.ts';
import { commandExists, isAlive, readPid, removeFile, run, startDaemon, stopProcess, tail } from '../process.ts';
import { hostPort, logFileOf, pidFileOf, serverDir, type LocalServer, type ServerContext } from '../server.ts';
import { waitFor } from '../wait.ts';

/** The MongoDB-wire-compatible server: FerretDB 1.x on PostgreSQL, built from the Go module proxy. */
export const ferretdbVersion = 'v1.24.0';

export const ferretdb: LocalServer = {
  name: 'mongodb',
  title: `FerretDB ${ferretdbVersion} (MongoDB wire protocol, on PostgreSQL)`,
  needs: ['postgres'],
  probe: (context) => probeMongo(context.settings.mongodbUrl),

  async install(context) {
    const binary = binaryOf(context);
    if (existsSync(binary)) return;
    if (!(await commandExists('go'))) {
      throw new Error('FerretDB is built from source and needs Go >= 1.22 on PATH (https://go.dev/doc/install)');
    }
    context.log(
      `mongodb: building FerretDB ${ferretdbVersion} from the Go module proxy (once, about 2 minutes; cached in ${binary})`,
    );
    const work = join(context.paths.cache, `ferretdb-${ferretdbVersion}`);
    mkdirSync(work, { recursive: true });
    const env = { ...process.env, GOFLAGS: '-mod=mod', GO111MODULE: 'on' };
    const download = JSON.parse(
      await run('go', ['mod', 'download', '-json', `github.com/FerretDB/FerretDB@${ferretdbVersion}`], {
        cwd: work,
        env,
      }),
    ) as { Dir?: string; Error?: string };
    if (download.Dir === undefined) throw new Error(`go mod download failed: ${download.Error ?? 'no folder'}`);
    // The module cache is read-only and lacks the version file FerretDB's own build generates from git.
    const source = join(work, 'src');
    rmSync(source, { recursive: true, force: true });
    cpSync(download.Dir, source, { recursive: true });
    await run('chmod', ['-R', 'u+w', source]);
    writeFileSync(join(source, 'build/version/version.txt'), `${ferretdbVersion}\n`);
    serialiseWrites(source);
    const partial = `${binary}.partial`;
    await run('go', ['build', '-trimpath', '-o', partial, './cmd/ferretdb'], { cwd: source, env });
    renameSync(partial, binary);
    rmSync(source, { recursive: true, force: true });
  },

  async start(context) {
    const dir = serverDir(context, 'mongodb');
    mkdirSync(dir, { recursive: true });
    const { host, port } = hostPort(context.settings.mongodbUrl, 27017);
    const storage = new URL(context.settings.databaseUrl);
    storage.pathname = '/ferretdb';
    const pid = startDaemon(
      binaryOf(context),
      [
        `--listen-addr=${host}:${port}`,
        '--handler=postgresql',
        `--postgresql-url=${storage.toString()}`,
        `--state-dir=${dir}`,
        '--debug-addr=-',
        '--telemetry=disable',
        '--log-level=warn',
      ],
      { logFile: logFileOf(context, 'mongodb'), pidFile: pidFileOf(context, 'mongodb') },
    );
    await waitFor(async () => (await ferretdb.probe(context)).ok, {
      what: 'FerretDB',
      timeoutMs: 60_000,
      abandonIf: () => (isAlive(pid) ? undefined : `exited; its log says:\n${tail(logFileOf(context, 'mongodb'))}`),
    });
  },

  async stop(context) {
    const pidFile = pidFileOf(context, 'mongodb');
    const pid = readPid(pidFile);
    if (pid === undefined) return;
    await stopProcess(pid, 'FerretDB');
    removeFile(pidFile);
  },
};

/** Bumped whenever the patch below changes, so a cached binary without it is rebuilt. */
const patchLevel = 'ef1';

function binaryOf(context: ServerContext): string {
  return join(context.paths.cache, `ferretdb-${ferretdbVersion}`, `ferretdb-${patchLevel}`);
}

/**
 * FerretDB 1.x runs update, findAndModify and delete as read, modify in Go, write back, with no
 * lock: concurrent conditional updates of one document lose updates (8 clients taking 2 seats
 * all "succeed"; see mongodb.int.test.ts). MongoDB makes each single-document operation atomic,
 * and the platform relies on that (no double sale), so we serialise those commands in the one
 * FerretDB process with a mutex: a patch of three lines per command, applied to the source before
 * building. Production uses MongoDB itself (infra/compose).
 */
function serialiseWrites(source: string): void {
  const handler = join(source, 'internal/handler');
  writeFileSync(
    join(handler, 'eventflow_write_lock.go'),
    'package handler\n\nimport "sync"\n\n// EventFlow: one write at a time makes single-document operations atomic.\nvar eventflowWriteLock sync.Mutex\n',
  );
  for (const [file, name] of [
    ['msg_update.go', 'MsgUpdate'],
    ['msg_findandmodify.go', 'MsgFindAndModify'],
    ['msg_delete.go', 'MsgDelete'],
  ] as const) {
    const path = join(handler, file);
    const signature = `func (h *Handler) ${name}(connCtx context.Context, msg *wire.OpMsg) (*wire.OpMsg, error) {`;
    const code = readFileSync(path, 'utf8');
    if (!code.includes(signature)) throw new Error(`FerretDB patch: ${name} not found in ${file}`);
    writeFileSync(
      path,
      code.replace(signature, `${signature}\n\teventflowWriteLock.Lock()\n\tdefer eventflowWriteLock.Unlock()\n`),
    );
  }
}

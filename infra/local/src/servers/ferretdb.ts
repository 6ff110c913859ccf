import { cpSync, existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
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

function binaryOf(context: ServerContext): string {
  return join(context.paths.cache, `ferretdb-${ferretdbVersion}`, 'ferretdb');
}

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDebianPackages } from '../debian.ts';
import { probeRedis } from '../probes.ts';
import { isAlive, readPid, removeFile, startDaemon, stopProcess, tail } from '../process.ts';
import { hostPort, logFileOf, pidFileOf, serverDir, type LocalServer } from '../server.ts';
import { waitFor } from '../wait.ts';

export const redis: LocalServer = {
  name: 'redis',
  title: 'Redis (Debian package)',
  needs: [],
  probe: (context) => probeRedis(context.settings.redisUrl),

  async install(context) {
    await ensureDebianPackages(['redis-server'], context.log);
  },

  async start(context) {
    const dir = join(serverDir(context, 'redis'), 'data');
    mkdirSync(dir, { recursive: true });
    const { port } = hostPort(context.settings.redisUrl, 6379);
    const pid = startDaemon(
      'redis-server',
      // Append-only file, fsync every second: what a restart keeps is what Redis acknowledged ~1 s before.
      [
        '--bind',
        '127.0.0.1',
        '--port',
        String(port),
        '--dir',
        dir,
        '--appendonly',
        'yes',
        '--save',
        '',
        '--daemonize',
        'no',
      ],
      { logFile: logFileOf(context, 'redis'), pidFile: pidFileOf(context, 'redis') },
    );
    await waitFor(async () => (await redis.probe(context)).ok, {
      what: 'Redis',
      timeoutMs: 30_000,
      abandonIf: () => (isAlive(pid) ? undefined : `exited; its log says:\n${tail(logFileOf(context, 'redis'))}`),
    });
  },

  async stop(context) {
    const pidFile = pidFileOf(context, 'redis');
    const pid = readPid(pidFile);
    if (pid === undefined) return;
    await stopProcess(pid, 'Redis');
    removeFile(pidFile);
  },
};

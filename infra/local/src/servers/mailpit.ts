import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { probeMailpit } from '../probes.ts';
import { commandExists, isAlive, readPid, removeFile, run, startDaemon, stopProcess, tail } from '../process.ts';
import { hostPort, logFileOf, pidFileOf, serverDir, type LocalServer, type ServerContext } from '../server.ts';
import { waitFor } from '../wait.ts';

/**
 * The SMTP server: Mailpit keeps every message it receives and lists them over its HTTP API; built from the Go module
 * proxy. The module holds no built web UI (its release build makes that with npm), so only the API answers.
 */
export const mailpitVersion = 'v1.33.1';

export const mailpit: LocalServer = {
  name: 'smtp',
  title: `Mailpit ${mailpitVersion} (SMTP, the messages it received over HTTP)`,
  needs: [],
  probe: (context) => probeMailpit(context.settings.mailpitUrl),

  async install(context) {
    const binary = binaryOf(context);
    if (existsSync(binary)) return;
    if (!(await commandExists('go'))) {
      throw new Error('Mailpit is built from source and needs Go on PATH (https://go.dev/doc/install)');
    }
    context.log(
      `smtp: building Mailpit ${mailpitVersion} from the Go module proxy (once, about a minute; cached in ${binary})`,
    );
    // Built into a folder of its own and moved into place, so an interrupted build leaves no binary behind.
    const partial = join(context.paths.cache, `mailpit-${mailpitVersion}`, 'partial');
    rmSync(partial, { recursive: true, force: true });
    mkdirSync(partial, { recursive: true });
    await run(
      'go',
      [
        'install',
        // What Mailpit's own release build sets: otherwise it calls itself "dev".
        `-ldflags=-s -w -X github.com/axllent/mailpit/config.Version=${mailpitVersion}`,
        `github.com/axllent/mailpit@${mailpitVersion}`,
      ],
      {
        cwd: partial,
        env: { ...process.env, GOFLAGS: '-mod=mod', GO111MODULE: 'on', GOBIN: partial, CGO_ENABLED: '0' },
      },
    );
    renameSync(join(partial, 'mailpit'), binary);
    rmSync(partial, { recursive: true, force: true });
  },

  async start(context) {
    const dir = serverDir(context, 'smtp');
    mkdirSync(dir, { recursive: true });
    const smtp = hostPort(context.settings.smtpUrl, 1025);
    const api = new URL(context.settings.mailpitUrl);
    const http = hostPort(api.href, api.protocol === 'https:' ? 443 : 80);
    const pid = startDaemon(
      binaryOf(context),
      [
        `--smtp=${smtp.host}:${smtp.port}`,
        `--listen=${http.host}:${http.port}`,
        ...(api.pathname === '/' ? [] : [`--webroot=${api.pathname}`]),
        `--database=${join(dir, 'mailpit.db')}`,
        // A test server: any username and password (or none), over plain SMTP.
        '--smtp-auth-accept-any',
        '--smtp-auth-allow-insecure',
        '--smtp-disable-rdns',
        '--disable-version-check',
        '--max=5000',
        '--quiet',
      ],
      { logFile: logFileOf(context, 'smtp'), pidFile: pidFileOf(context, 'smtp') },
    );
    await waitFor(async () => (await mailpit.probe(context)).ok, {
      what: 'Mailpit',
      timeoutMs: 30_000,
      abandonIf: () => (isAlive(pid) ? undefined : `exited; its log says:\n${tail(logFileOf(context, 'smtp'))}`),
    });
  },

  async stop(context) {
    const pidFile = pidFileOf(context, 'smtp');
    const pid = readPid(pidFile);
    if (pid === undefined) return;
    await stopProcess(pid, 'Mailpit');
    removeFile(pidFile);
  },
};

function binaryOf(context: ServerContext): string {
  return join(context.paths.cache, `mailpit-${mailpitVersion}`, 'mailpit');
}

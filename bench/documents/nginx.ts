// The anchor of the storage benchmark: Debian's nginx, started by the benchmark with a config of
// its own in a temporary folder (pid, logs and temporary files there, a free loopback port), serving
// the folder's files with GET and taking uploads with the WebDAV module's PUT; stopped at the end.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { ensureDebianPackages } from '@eventflow/infra-local';
import { within } from '../lib/deadline.ts';

export const nginxBinary = '/usr/sbin/nginx';

/** nginx from Debian: installed with apt-get when missing and we are root, else a clear failure. */
export async function ensureNginx(log: (message: string) => void): Promise<string> {
  if (!existsSync(nginxBinary)) await ensureDebianPackages(['nginx'], log);
  if (!existsSync(nginxBinary)) throw new Error(`${nginxBinary} is missing after installing Debian's nginx`);
  const version = spawnSync(nginxBinary, ['-V'], { encoding: 'utf8' });
  const text = `${version.stdout}${version.stderr}`;
  if (!text.includes('--with-http_dav_module')) {
    throw new Error(
      `${nginxBinary} has no WebDAV module (nginx -V lacks --with-http_dav_module): PUT cannot be measured`,
    );
  }
  return /nginx version: (\S+)/.exec(text)?.[1] ?? 'nginx';
}

export interface RunningNginx {
  readonly url: string;
  /** Where PUT stores files and GET reads them: `<root>/files/<name>`. */
  readonly root: string;
  stop(): Promise<void>;
}

export interface NginxSettings {
  /** An empty folder of its own; the config, logs and files go in it. */
  readonly dir: string;
  readonly workers: number;
}

/** The whole config, as nginx runs it. */
export function nginxConfig(dir: string, port: number, workers: number): string {
  const user = process.getuid?.() === 0 ? `user ${userInfo().username};\n` : '';
  return `${user}worker_processes ${workers};
daemon off;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'error.log')} warn;
events { worker_connections 1024; }
http {
  types { application/pdf pdf; }
  default_type application/octet-stream;
  access_log ${join(dir, 'access.log')};
  sendfile on;
  tcp_nopush on;
  keepalive_timeout 65;
  keepalive_requests 100000;
  client_body_temp_path ${join(dir, 'body')};
  proxy_temp_path ${join(dir, 'proxy')};
  fastcgi_temp_path ${join(dir, 'fastcgi')};
  uwsgi_temp_path ${join(dir, 'uwsgi')};
  scgi_temp_path ${join(dir, 'scgi')};
  server {
    listen 127.0.0.1:${port};
    root ${join(dir, 'www')};
    location /files/ {
      dav_methods PUT;
      create_full_put_path on;
      dav_access user:rw;
      client_max_body_size 20m;
    }
  }
}
`;
}

export async function startNginx(settings: NginxSettings): Promise<RunningNginx> {
  const { dir } = settings;
  await mkdir(join(dir, 'www', 'files'), { recursive: true });
  const port = await freePort();
  const config = join(dir, 'nginx.conf');
  await writeFile(config, nginxConfig(dir, port, settings.workers));
  const child = spawn(nginxBinary, ['-p', dir, '-c', config, '-e', join(dir, 'error.log')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`nginx exited (code ${code}): ${stderr.trim()}`))),
  );
  try {
    await within(Promise.race([answering(url), exited]), 10_000, 'nginx answering');
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  exited.catch(() => undefined);
  return { url, root: join(dir, 'www'), stop: () => stop(child) };
}

async function answering(url: string): Promise<void> {
  for (;;) {
    const response = await fetch(`${url}/`).catch(() => undefined);
    await response?.body?.cancel();
    if (response !== undefined) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** SIGQUIT: nginx finishes its requests and exits; SIGKILL if it has not within 10 s. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGQUIT');
  await within(gone, 10_000, 'nginx stopping').catch(async () => {
    child.kill('SIGKILL');
    await gone;
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no free port')),
      );
    });
  });
}

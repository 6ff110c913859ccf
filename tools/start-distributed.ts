// `npm run start:distributed`: every service as its own process on the real servers (run
// `npm run infra:up` first), behind the same gateway on :8080. Ctrl-C stops them all.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { connectionSettings, status } from '@eventflow/infra-local';
import { ensureConsoleBuilt } from '@eventflow/console';
import { gatewayConfig } from '@eventflow/gateway';
import { platformServices } from './platform.ts';

const root = join(import.meta.dirname, '..');
const config = gatewayConfig(process.env);
const settings = connectionSettings();
const children: Array<{ name: string; child: ChildProcess }> = [];

const down = (await status()).filter((s) => !s.probe.ok);
if (down.length > 0) {
  process.stderr.write(
    `distributed mode needs the real servers; not answering: ${down.map((s) => `${s.name} (${s.probe.detail})`).join(', ')}\n` +
      'Start them with: npm run infra:up\n',
  );
  process.exit(1);
}

const env = {
  ...process.env,
  KAFKA_BROKERS: settings.kafkaBrokers.join(','),
  DATABASE_URL: settings.databaseUrl,
  REDIS_URL: settings.redisUrl,
  MONGODB_URL: settings.mongodbUrl,
};

function start(name: string, entry: string, extra: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, [join(root, entry)], {
    cwd: root,
    env: { ...env, ...extra },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const prefix = `[${name}] `;
  const relay = (target: NodeJS.WriteStream) => (chunk: Buffer) =>
    target.write(chunk.toString().replace(/^(?=.)/gm, prefix));
  child.stdout?.on('data', relay(process.stdout));
  child.stderr?.on('data', relay(process.stderr));
  child.once('exit', (code, signal) => {
    if (!stopping) {
      process.stderr.write(`${prefix}exited (${signal ?? code}); stopping the platform\n`);
      void stopAll(1);
    }
  });
  children.push({ name, child });
  return child;
}

async function ready(name: string, url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let delay = 50;
  for (;;) {
    try {
      const response = await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (stopping) throw new Error('stopping');
    if (Date.now() > deadline) throw new Error(`${name} not ready at ${url} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay = Math.min(delay * 2, 500);
  }
}

let stopping = false;
async function stopAll(code: number): Promise<never> {
  stopping = true;
  await Promise.all(
    children.reverse().map(
      ({ child }) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        }),
    ),
  );
  process.exit(code);
}
process.once('SIGINT', () => void stopAll(0));
process.once('SIGTERM', () => void stopAll(0));

// SERVICE_PORT_BASE moves every service's port together (tests run beside a platform already up).
const portBase = Number(process.env['SERVICE_PORT_BASE'] ?? 0);
const portOf = (port: number, index: number) => (portBase > 0 ? portBase + index : port);
const upstreams = platformServices.map((s, i) => ({
  name: s.name,
  prefix: s.prefix,
  url: `http://127.0.0.1:${portOf(s.port, i)}`,
}));
const dataDir = process.env['EVENTFLOW_DATA'] ?? join(root, '.data', 'distributed');
const urlOf = (name: string): string => {
  const url = upstreams.find((u) => u.name === name)?.url;
  if (url === undefined) throw new Error(`unknown service ${name}`);
  return url;
};
platformServices.forEach((service, i) => {
  start(service.name, service.entry, {
    HOST: '127.0.0.1',
    PORT: String(portOf(service.port, i)),
    ...service.env?.(dataDir, urlOf),
  });
});
await Promise.all(upstreams.map((u) => ready(u.name, u.url)));
start('gateway', 'services/gateway/src/main.ts', {
  GATEWAY_HOST: config.GATEWAY_HOST,
  GATEWAY_PORT: String(config.GATEWAY_PORT),
  GATEWAY_UPSTREAMS: JSON.stringify(upstreams),
  CONSOLE_DIR: await ensureConsoleBuilt(),
});
const front = `http://${config.GATEWAY_HOST}:${config.GATEWAY_PORT}`;
await ready('gateway', front);
process.stdout.write(
  `EventFlow (distributed) is up: ${front}\n` +
    children.map(({ name, child }) => `  ${name.padEnd(8)} pid ${child.pid}`).join('\n') +
    `\n  on Kafka ${settings.kafkaBrokers.join(',')}\nCtrl-C stops them all.\n`,
);

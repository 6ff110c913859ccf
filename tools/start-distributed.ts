// `npm run start:distributed`: every service as its own process on the real servers (run
// `npm run infra:up` first), behind the same gateway on :8080. A service that dies is started again
// with backoff (the gateway's /health shows it down meanwhile). Ctrl-C stops them all.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { ensureConsoleBuilt } from '@eventflow/console';
import { parseEmbeddedEnvironment, registryEntry, selectSystems, ServiceRegistry, startOrder } from '@eventflow/host';
import { backoffDelay, type RetryPolicy } from '@eventflow/bus';
import { connectionSettings, status } from '@eventflow/infra-local';
import { platform } from './platform.ts';
import { banner, exitWithReason, parseArgsOrExit, usage } from './start/options.ts';

const root = join(import.meta.dirname, '..');
const { values } = parseArgsOrExit('npm run start:distributed', 'distributed');
if (values.help === true) {
  process.stdout.write(usage('npm run start:distributed', 'distributed', platform));
  process.exit(0);
}
const began = performance.now();
const say = (text: string) => process.stderr.write(text);
const { front, ordered } = (() => {
  try {
    return {
      front: parseEmbeddedEnvironment(process.env),
      ordered: startOrder(
        selectSystems(
          platform,
          values.systems?.split(',').filter((s) => s !== ''),
        ),
      ),
    };
  } catch (error) {
    return exitWithReason('npm run start:distributed', error);
  }
})();
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

// SERVICE_PORT_BASE moves every service's port together (tests run beside a platform already up).
const portBase = Number(process.env['SERVICE_PORT_BASE'] ?? 0);
const registry = new ServiceRegistry(ordered.map(registryEntry));
const ports = new Map<string, { host: string; port: number }>();
ordered.forEach((descriptor, i) => {
  const place =
    descriptor.front === true
      ? { host: front.GATEWAY_HOST, port: front.GATEWAY_PORT }
      : { host: '127.0.0.1', port: portBase > 0 ? portBase + i : descriptor.port };
  ports.set(descriptor.name, place);
  registry.listening(descriptor.name, `http://${place.host}:${place.port}`);
});
const env = {
  ...process.env,
  KAFKA_BROKERS: settings.kafkaBrokers.join(','),
  DATABASE_URL: settings.databaseUrl,
  REDIS_URL: settings.redisUrl,
  SMTP_URL: settings.smtpUrl,
  MAILPIT_URL: settings.mailpitUrl,
  MONGODB_URL: settings.mongodbUrl,
  EVENTFLOW_DATA: process.env['EVENTFLOW_DATA'] ?? join(root, '.data', 'distributed'),
  SERVICE_REGISTRY: JSON.stringify(registry),
  CONSOLE_DIR: process.env['CONSOLE_DIR'] ?? (await ensureConsoleBuilt({ progress: say })),
  // The services write to a pipe: readable lines when the launcher itself is on a terminal.
  ...(process.env['LOG_FORMAT'] === undefined && process.stdout.isTTY ? { LOG_FORMAT: 'pretty' } : {}),
};

let stopping = false;
/** A crashed service is started again after a backoff (1 s, doubling, at most 30 s), like a process supervisor. */
const restartPolicy: RetryPolicy = { initialDelayMs: 1000, multiplier: 2, maxDelayMs: 30_000, jitter: 'none' };
/** A service that ran this long before it died starts again at the first backoff. */
const stableMs = 60_000;

function start(name: string, attempt = 1): ChildProcess {
  const place = ports.get(name)!;
  const startedAt = Date.now();
  const child = spawn(process.execPath, [join(root, 'tools', 'service.ts'), name], {
    cwd: root,
    env: { ...env, HOST: place.host, PORT: String(place.port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const prefix = `[${name}] `;
  const relay = (target: NodeJS.WriteStream) => (chunk: Buffer) =>
    target.write(chunk.toString().replace(/^(?=.)/gm, prefix));
  child.stdout?.on('data', relay(process.stdout));
  child.stderr?.on('data', relay(process.stderr));
  const entry = { name, child };
  child.once('exit', (code, signal) => {
    if (stopping) return;
    const next = Date.now() - startedAt >= stableMs ? 1 : attempt + 1;
    const delay = backoffDelay(restartPolicy, next - 1);
    process.stderr.write(
      `${prefix}exited (${signal ?? code}); restarting in ${(delay / 1000).toFixed(0)} s (restart ${next - 1})\n`,
    );
    setTimeout(() => {
      if (stopping) return;
      children.splice(children.indexOf(entry), 1);
      const again = start(name, next);
      say(`    ${name.padEnd(10)} pid ${again.pid} (restarted)\n`);
    }, delay).unref();
  });
  children.push(entry);
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

const services = ordered.filter((d) => d.front !== true);
const gateway = ordered.find((d) => d.front === true);
try {
  for (const descriptor of services) start(descriptor.name);
  await Promise.all(services.map((d) => ready(d.name, registry.urlOf(d.name))));
  if (gateway !== undefined) {
    start(gateway.name);
    await ready(gateway.name, registry.urlOf(gateway.name));
  }
} catch (error) {
  process.stderr.write(`the platform did not start: ${error instanceof Error ? error.message : String(error)}\n`);
  await stopAll(1);
}
const url = gateway === undefined ? '' : registry.urlOf(gateway.name);
say(banner('distributed', url, registry.entries, env.EVENTFLOW_DATA, performance.now() - began));
say(
  children.map(({ name, child }) => `    ${name.padEnd(10)} pid ${child.pid}`).join('\n') +
    `\n    on Kafka ${settings.kafkaBrokers.join(',')}\n`,
);

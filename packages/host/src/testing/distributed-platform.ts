import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { eventually } from '@eventflow/bus/testing';
import { dropMongoDatabase, mongoDatabaseUrl } from '@eventflow/docstore/testing';
import { cleanupStack } from '@eventflow/eventstore/testing';
import { freePortRange } from '@eventflow/service';
import type { AnyServiceDescriptor } from '../descriptor.ts';
import { registryEntry } from '../embedded/platform.ts';
import { startOrder } from '../order.ts';
import { ServiceRegistry } from '../registry/registry.ts';
import { servers } from './servers.ts';

export interface ServiceProcess {
  readonly descriptor: AnyServiceDescriptor;
  /** Its entry point (`src/main.ts`: `await runServiceProcess(descriptor)`), an absolute path. */
  readonly main: string;
}

export interface DistributedPlatform {
  /** The front door (the gateway). */
  readonly url: string;
  readonly registry: ServiceRegistry;
  /** The MongoDB URL of this run's own database (dropped after the test). */
  readonly mongodbUrl: string;
  /** The run's data folder (EVENTFLOW_DATA of every process: spools, files, development keys). */
  readonly dataDir: string;
  /** What the processes wrote, for failure messages. */
  output(): string;
  /** One service's process, to break it (fault tests) and start it again. */
  process(service: string): ServiceHandle;
}

export interface ServiceHandle {
  /** The pid of its current process. */
  readonly pid: number | undefined;
  /** Sends `signal` (default SIGKILL: a crash) and resolves once the process has exited. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Starts it again, on the same port, data and environment (after `kill`). */
  start(): void;
}

/**
 * `services`, a process each, on the real Kafka, MongoDB (a database of this run's own, named after
 * `name` and dropped after the test) and Redis, as `npm run start:distributed` runs them; stopped after
 * the test. Pass the gateway among them, with its `main` (the host cannot import it: the gateway
 * depends on the host); `url` is the front door, and the platform is up once it is ready.
 */
export async function distributedPlatform(
  t: TestContext,
  name: string,
  services: readonly ServiceProcess[],
  env: Readonly<Record<string, string>> = {},
): Promise<DistributedPlatform> {
  const mains = new Map(services.map((s) => [s.descriptor.name, s.main] as const));
  const ordered = startOrder(services.map((s) => s.descriptor));
  const registry = new ServiceRegistry(ordered.map(registryEntry));
  const front = registry.entries.find((entry) => entry.front === true)?.name;
  if (front === undefined) throw new Error('distributedPlatform: no front door among the services (add the gateway)');

  const defer = cleanupStack(t);
  const data = await mkdtemp(join(tmpdir(), `eventflow-${name}-`));
  defer(() => rm(data, { recursive: true, force: true }));
  const database = `${name.replaceAll('-', '_')}_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  defer(() => dropMongoDatabase(servers.mongodbUrl, database));
  const mongodbUrl = mongoDatabaseUrl(servers.mongodbUrl, database);

  const base = await freePortRange(ordered.length);
  ordered.forEach((d, i) => registry.listening(d.name, `http://127.0.0.1:${base + i}`));
  let output = '';
  const handles = new Map<string, ServiceHandle>();
  for (const [i, descriptor] of ordered.entries()) {
    let child: ChildProcess | undefined;
    let exited: Promise<unknown> = Promise.resolve();
    const start = () => {
      const started = spawn(process.execPath, [mains.get(descriptor.name) ?? ''], {
        env: {
          ...process.env,
          KAFKA_BROKERS: servers.kafkaBrokers.join(','),
          DATABASE_URL: servers.databaseUrl,
          MONGODB_URL: mongodbUrl,
          REDIS_URL: servers.redisUrl,
          SMTP_URL: servers.smtpUrl,
          MAILPIT_URL: servers.mailpitUrl,
          EVENTFLOW_DATA: data,
          SERVICE_REGISTRY: JSON.stringify(registry),
          LOG_LEVEL: 'warn',
          ...env,
          PORT: String(base + i),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      started.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      started.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      exited = new Promise((resolve) => started.once('exit', resolve));
      child = started;
    };
    const kill = async (signal: NodeJS.Signals = 'SIGKILL') => {
      if (child !== undefined && child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    };
    start();
    handles.set(descriptor.name, {
      get pid() {
        return child?.pid;
      },
      kill,
      start,
    });
    defer(() => kill('SIGTERM'));
  }
  const url = registry.urlOf(front);
  await eventually(
    async () => (await fetch(`${url}/health/ready`).catch(() => undefined))?.status === 200,
    'the front door and every service behind it to be ready',
    60_000,
  ).catch((error: unknown) => {
    throw new Error(`${String(error)}\n${output}`);
  });
  return {
    url,
    registry,
    mongodbUrl,
    dataDir: data,
    output: () => output,
    process(service) {
      const handle = handles.get(service);
      if (handle === undefined) throw new Error(`no service ${service} in this platform`);
      return handle;
    },
  };
}
